package berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A wait request whose headers arrived (so the daemon is watching) but whose body comes only when the
 * container exits: docker's run registers this before it starts the container, so no exit is missed.
 */
public final class PendingWait implements AutoCloseable {
    private final Response response;

    PendingWait(Response response) { this.response = response; }

    /** Blocks until the container exits (or is removed). */
    public WaitResult await() {
        try (response) {
            JsonNode body = berth.common.Json.docker().readTree(response.body());
            String error = body.path("Error").path("Message").asText("");
            return new WaitResult(body.path("StatusCode").asInt(), java.util.Optional.of(error).filter(e -> !e.isEmpty()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() { response.close(); }
}
