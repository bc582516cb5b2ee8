package berth.client;

import java.util.Optional;

/** The body of {@code POST /containers/{id}/wait}: the exit code, and an error if waiting itself failed. */
public record WaitResult(int statusCode, Optional<String> error) {}
