package berth.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens by (realm, service, scopes, who asked), until a little before they expire. */
final class Tokens {
    /** A token is not used in its last seconds: a request in flight must not arrive with a dead one. */
    private static final long MARGIN_SECONDS = 5;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    Tokens(Clock clock) {
        this.clock = clock;
    }

    private record Entry(String token, Instant expires) {}

    Optional<String> get(String key) {
        Entry e = cache.get(key);
        if (e == null) return Optional.empty();
        if (!clock.instant().isBefore(e.expires())) {
            cache.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.token());
    }

    void put(String key, String token, long expiresInSeconds) {
        long life = Math.max(0, expiresInSeconds - MARGIN_SECONDS);
        cache.put(key, new Entry(token, clock.instant().plusSeconds(life)));
    }

    void forget(String key) {
        cache.remove(key);
    }
}
