package berth.engine.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Docker's event filters ({@code filters={"type":["container"],"event":["die"]}}): values of one key are
 * alternatives, keys must all match. Names match by ID prefix or name; {@code image} also matches the image
 * a container event names, with or without its tag; {@code label} needs every given key (and value).
 */
public record EventFilter(Map<String, List<String>> filters) implements Predicate<Event> {
    /** Actions given without their exec command or health status still match them ("exec_start"). */
    private static final Set<String> PREFIX_ACTIONS = Set.of("exec_create", "exec_start", "health_status");

    public EventFilter {
        filters = Map.copyOf(filters);
    }

    public static EventFilter all() {
        return new EventFilter(Map.of());
    }

    @Override
    public boolean test(Event e) {
        return action(e) && exact("type", e.type().wire()) && exact("scope", "local") && image(e) && labels(e)
                && named(e, Event.Type.CONTAINER) && named(e, Event.Type.NETWORK) && named(e, Event.Type.VOLUME)
                && named(e, Event.Type.DAEMON);
    }

    private boolean action(Event e) {
        List<String> wanted = values("event");
        if (wanted.stream().anyMatch(PREFIX_ACTIONS::contains)) return fuzzy("event", e.action());
        return exact("event", e.action());
    }

    /** {@code container=x}: the actor by ID prefix or by name (Docker does not look at the type here). */
    private boolean named(Event e, Event.Type type) {
        String key = type.wire();
        return fuzzy(key, e.actorId()) || fuzzy(key, e.attributes().getOrDefault("name", ""));
    }

    private boolean image(Event e) {
        if (!filters.containsKey("image")) return true;
        String name = e.attributes().getOrDefault(e.type() == Event.Type.IMAGE ? "name" : "image", "");
        return exact("image", e.actorId()) || exact("image", name) || exact("image", stripTag(e.actorId()))
                || exact("image", stripTag(name));
    }

    private boolean labels(Event e) {
        for (String label : values("label")) {
            int eq = label.indexOf('=');
            String key = eq < 0 ? label : label.substring(0, eq);
            String value = e.attributes().get(key);
            if (value == null || (eq >= 0 && !value.equals(label.substring(eq + 1)))) return false;
        }
        return true;
    }

    private boolean exact(String key, String value) {
        return !filters.containsKey(key) || values(key).contains(value);
    }

    /** Docker's FuzzyMatch: equal, or the value starts with the filter (an ID prefix). */
    private boolean fuzzy(String key, String value) {
        return !filters.containsKey(key) || values(key).stream().anyMatch(value::startsWith);
    }

    private List<String> values(String key) {
        return filters.getOrDefault(key, List.of());
    }

    /** "docker.io/library/busybox:1.36" and "busybox:1.36" are "busybox"; IDs and digests stay as they are. */
    static String stripTag(String ref) {
        if (ref.isEmpty() || ref.startsWith("sha256:")) return ref;
        String r = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
        int colon = r.lastIndexOf(':');
        if (colon > r.lastIndexOf('/')) r = r.substring(0, colon);
        if (r.startsWith("docker.io/")) r = r.substring("docker.io/".length());
        return r.startsWith("library/") ? r.substring("library/".length()) : r;
    }
}
