package berth.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The HTTP side shared by every session: one JDK {@link HttpClient} on virtual threads, the scheme chosen per
 * registry (https, or http for insecure ones that do not speak TLS), the token cache and the retry policy.
 */
final class Transport {
    private static final Logger LOG = Logger.getLogger(Transport.class.getName());
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Made at the first request: an HttpClient sets up TLS (the CA store, ~180 classes, ~8 MB of heap)
     * that a daemon which never pulls should not carry. */
    private volatile HttpClient http;
    private final RegistryConfig config;
    private final Tokens tokens;
    private final Duration backoff;
    private final int attempts;
    private final Duration tlsProbe;
    private final ConcurrentHashMap<String, URI> bases = new ConcurrentHashMap<>();

    Transport(RegistryConfig config, Duration backoff, int attempts, Clock clock, Duration tlsProbe) {
        this.config = config;
        this.tlsProbe = tlsProbe;
        this.backoff = backoff;
        this.attempts = attempts;
        this.tokens = new Tokens(clock);
    }

    HttpClient http() {
        HttpClient h = http;
        if (h != null) return h;
        synchronized (this) {
            if (http == null) {
                http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER) // followed by hand: credentials stay on their host
                        .connectTimeout(CONNECT_TIMEOUT)
                        .executor(Executors.newVirtualThreadPerTaskExecutor())
                        .build();
            }
            return http;
        }
    }

    Tokens tokens() {
        return tokens;
    }

    int attempts() {
        return attempts;
    }

    /** Waits before attempt {@code n} (1-based retry count): backoff, 2x, 4x ... */
    void pause(int n) {
        try {
            Thread.sleep(backoff.multipliedBy(1L << Math.min(n - 1, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.unreachable("interrupted", e);
        }
    }

    /**
     * {@code https://endpoint}, or for an insecure registry that does not answer TLS, {@code http://endpoint}
     * (Docker tries https first there too). Remembered per endpoint.
     */
    URI base(String endpoint) {
        URI known = bases.get(endpoint);
        if (known != null) return known;
        URI https = URI.create("https://" + endpoint);
        if (!config.isInsecure(endpoint)) return https;
        URI chosen = speaksTls(https) ? https : URI.create("http://" + endpoint);
        LOG.fine(() -> "registry " + endpoint + " over " + chosen.getScheme());
        bases.put(endpoint, chosen);
        return chosen;
    }

    /** A server that is not TLS answers a ClientHello with an error at once, or never: so the probe is short. */
    private boolean speaksTls(URI https) {
        var ping = HttpRequest.newBuilder(https.resolve("/v2/")).timeout(tlsProbe).GET().build();
        try {
            http().send(ping, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.unreachable("interrupted", e);
        }
    }
}
