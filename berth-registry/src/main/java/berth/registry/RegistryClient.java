package berth.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of the distribution client: repositories to pull from or push to, and logins. One per
 * daemon: it holds the HTTP client, the scheme chosen per registry and the token cache.
 */
public final class RegistryClient {
    /** Blobs up to this size go up in one PUT; bigger ones in PATCH chunks of it. */
    static final long DEFAULT_CHUNK = 16L * 1024 * 1024;
    private final Transport transport;
    private final long chunkSize;

    private RegistryClient(Transport transport, long chunkSize) {
        this.transport = transport;
        this.chunkSize = chunkSize;
    }

    public static RegistryClient create(RegistryConfig config) {
        return new RegistryClient(new Transport(config, Duration.ofMillis(250), 4, Clock.systemUTC(), config.tlsProbe()), DEFAULT_CHUNK);
    }

    /** For tests: the back-off unit, attempts per request, the clock tokens expire by, the chunk size. */
    static RegistryClient create(RegistryConfig config, Duration backoff, int attempts, Clock clock, long chunkSize) {
        return new RegistryClient(new Transport(config, backoff, attempts, clock, Duration.ofMillis(300)), chunkSize);
    }

    /** What a session may do: pull only, or pull and push (with pull on the repositories it mounts from). */
    public enum Access { PULL, PUSH }

    /** A repository of the reference's registry; {@code mountFrom} names repositories a push may mount from. */
    public Repository repository(ImageReference ref, Credentials credentials, Access access, List<String> mountFrom) {
        List<String> scopes = new ArrayList<>();
        scopes.add("repository:" + ref.path() + ":" + (access == Access.PUSH ? "pull,push" : "pull"));
        mountFrom.forEach(from -> scopes.add("repository:" + from + ":pull"));
        return new Repository(new Session(transport, ref.endpoint(), credentials, scopes), ref.path(), chunkSize);
    }

    public Repository repository(ImageReference ref, Credentials credentials, Access access) {
        return repository(ref, credentials, access, List.of());
    }

    /**
     * Checks credentials against a registry ({@code POST /auth}): {@code GET /v2/} with them, answering its
     * challenge. Throws {@link RegistryException} (status 401) when refused.
     */
    public void login(String serverAddress, Credentials credentials) {
        String endpoint = endpointOf(serverAddress);
        try {
            new Session(transport, endpoint, credentials, List.of()).ping();
        } catch (RegistryException e) {
            if (e.status() != 401) throw e;
            throw new RegistryException(401, "UNAUTHORIZED", "login attempt to " + baseUri(endpoint)
                    + "/v2/ failed with status: 401 Unauthorized", null);
        }
    }

    /** The scheme in use for an endpoint after the first request ({@code https://h} or {@code http://h}). */
    public String baseUri(String endpoint) {
        return transport.base(endpoint).toString();
    }

    /**
     * The registry host of a login's server address: {@code https://index.docker.io/v1/}, {@code docker.io}
     * and an empty address are Docker Hub; a scheme and a path are dropped.
     */
    public static String endpointOf(String serverAddress) {
        String s = serverAddress.trim().replaceFirst("^[a-zA-Z]+://", "");
        int slash = s.indexOf('/');
        if (slash >= 0) s = s.substring(0, slash);
        if (s.isEmpty() || s.equals("docker.io") || s.equals("index.docker.io") || s.equals("registry-1.docker.io"))
            return "registry-1.docker.io";
        return s;
    }
}
