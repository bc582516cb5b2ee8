package berth.engine;

import berth.common.BerthException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers in memory, published after they are stored. Finds a container by full ID, name or unique
 * ID prefix, in Docker's order of precedence.
 */
final class ContainerIndex {
    private final Map<String, Container> byId = new ConcurrentHashMap<>();

    void put(Container c) {
        byId.put(c.id(), c);
    }

    void remove(String id) {
        byId.remove(id);
    }

    Collection<Container> all() {
        return List.copyOf(byId.values());
    }

    Optional<Container> byName(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        return byId.values().stream().filter(c -> c.name().equals(n)).findFirst();
    }

    /** Throws NotFound "No such container: ref". */
    Container get(String ref) {
        return find(ref).orElseThrow(() -> BerthException.notFound("No such container: " + ref));
    }

    Optional<Container> find(String ref) {
        if (ref.isEmpty()) return Optional.empty();
        Container exact = byId.get(ref);
        if (exact != null) return Optional.of(exact);
        Optional<Container> named = byName(ref);
        if (named.isPresent()) return named;
        List<Container> prefixed = byId.values().stream().filter(c -> c.id().startsWith(ref)).toList();
        if (prefixed.size() > 1)
            throw BerthException.invalid("multiple containers found with provided prefix: " + ref);
        return prefixed.stream().findFirst();
    }
}
