package berth.engine;

import berth.common.BerthException;
import berth.image.Remap;
import berth.runtime.BundleSpec;
import berth.runtime.BundleSpec.MountSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code --userns-remap} adds to a container's bundle: the user namespace and its maps, and volumes the
 * daemon made owned by the mapped root (dockerd creates them so) so that the container's root may write there.
 * Bind mounts of host paths are left as they are: their owner is the user's business, as with Docker.
 */
final class UsernsBundles {
    private UsernsBundles() {}

    static BundleSpec remapped(BundleSpec spec, Optional<Remap> remap, Container c) {
        if (remap.isEmpty()) return spec;
        var mapping = remap.get().mapping();
        for (var m : c.mounts()) {
            if (m.kind() != berth.engine.model.ContainerMount.Kind.VOLUME) continue;
            spec.mounts().stream()
                    .filter(s -> s instanceof MountSpec.Bind b && b.destination().equals(m.destination()))
                    .map(s -> ((MountSpec.Bind) s).source())
                    .findFirst()
                    .ifPresent(dir -> ownByRoot(dir, mapping.rootUid(), mapping.rootGid()));
        }
        return spec.withUserns(Optional.of(new BundleSpec.UserNamespace(mapping, remap.get().userns())));
    }

    /** A volume's directory still owned by the host's root goes to the mapped root (its contents stay). */
    private static void ownByRoot(Path dir, long uid, long gid) {
        try {
            if (((Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)) != 0) return;
            Files.setAttribute(dir, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dir, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw BerthException.fault("cannot give the volume " + dir + " to the remapped root", e);
        }
    }
}
