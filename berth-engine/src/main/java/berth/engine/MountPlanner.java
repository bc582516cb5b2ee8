package berth.engine;

import berth.common.BerthException;
import berth.engine.MountRequests.Wanted;
import berth.engine.model.ContainerMount;
import berth.engine.model.HostConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which mounts a new container gets, in Docker's order: the mounts of {@code --volumes-from} containers,
 * then {@code -v} (Binds, replacing a volumes-from mount at the same path), {@code --mount} and
 * {@code --tmpfs} (a path given twice among these is a "Duplicate mount point"), then an anonymous volume for
 * each VOLUME of the image and the client's Config.Volumes that no mount covers.
 */
final class MountPlanner {
    private MountPlanner() {}

    static List<Wanted> plan(HostConfig host, Set<String> configVolumes, Function<String, Container> containers) {
        Map<String, Wanted> byPath = new LinkedHashMap<>();
        for (String from : host.volumesFrom()) volumesFrom(from, containers).forEach(m -> byPath.put(m.destination(), Wanted.of(m)));
        Map<String, Wanted> explicit = new LinkedHashMap<>();
        host.binds().forEach(b -> add(explicit, Wanted.of(Binds.parse(b))));
        host.mounts().forEach(m -> add(explicit, MountRequests.parse(m)));
        host.tmpfs().forEach((path, opts) -> add(explicit, MountRequests.tmpfs(path, opts)));
        byPath.putAll(explicit);
        for (String path : configVolumes) {
            Binds.checkDestination(path, path, "volume");
            byPath.putIfAbsent(Binds.clean(path), Wanted.of(ContainerMount.volume("", Binds.clean(path), "", true, true)));
        }
        return List.copyOf(byPath.values());
    }

    private static void add(Map<String, Wanted> mounts, Wanted w) {
        if (mounts.putIfAbsent(w.mount().destination(), w) != null)
            throw BerthException.invalid("Duplicate mount point: " + w.mount().destination());
    }

    /** {@code container[:ro|rw]}: its binds and volumes (not its tmpfs), with the write mode overridden if given. */
    private static List<ContainerMount> volumesFrom(String spec, Function<String, Container> containers) {
        int colon = spec.lastIndexOf(':');
        String ref = colon < 0 ? spec : spec.substring(0, colon);
        String mode = colon < 0 ? "" : spec.substring(colon + 1);
        if (!mode.isEmpty() && !mode.equals("ro") && !mode.equals("rw"))
            throw BerthException.invalid("invalid mode for volumes-from: " + mode);
        return containers.apply(ref).mounts().stream()
                .filter(m -> m.kind() != ContainerMount.Kind.TMPFS)
                .map(m -> mode.isEmpty() ? m : m.withRw(mode.equals("rw"), m.isVolume() ? mode : m.mode()))
                .toList();
    }
}
