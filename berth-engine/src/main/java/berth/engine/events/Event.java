package berth.engine.events;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thing that happened, as Docker reports it on {@code GET /events}: what kind of object ({@code type}),
 * what happened to it ({@code action}, e.g. "start", "die", "exec_create: sh -c true"), which object
 * ({@code actorId}) and Docker's attributes for it (name, image, labels, exitCode ...). Attributes are kept
 * sorted, as Docker prints them.
 */
public record Event(Type type, String action, String actorId, Map<String, String> attributes, Instant time) {

    public Event {
        attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    /** Docker's event types that berth can emit; {@link #wire()} is the name on the wire and in filters. */
    public enum Type {
        CONTAINER, IMAGE, VOLUME, NETWORK, DAEMON;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public long timeNanos() {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    /** The same event stamped with another time. */
    Event at(Instant t) {
        return new Event(type, action, actorId, attributes, t);
    }
}
