package berth.runtime;

import berth.common.IdMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code --userns-remap} in config.json: the daemon's user namespace, its uid and gid maps, /sys bound. */
final class UserNamespaceSpec {
    private UserNamespaceSpec() {}

    /**
     * The container joins the daemon's pinned user namespace rather than making its own: its network namespace
     * is made inside that one, and runc (1.1) joins the user namespace before the others, so an exec could not
     * enter a network namespace of the host's. The maps stay in the spec: the runtime reads the container's
     * root from them (it does not write them when joining).
     */
    static OciSpec.Linux apply(OciSpec.Linux linux, Optional<BundleSpec.UserNamespace> userns) {
        if (userns.isEmpty()) return linux;
        var namespaces = new ArrayList<>(linux.namespaces());
        namespaces.add(new OciSpec.Namespace("user", userns.get().path().toString()));
        IdMapping mapping = userns.get().mapping();
        return new OciSpec.Linux(namespaces, linux.resources(), linux.cgroupsPath(), linux.maskedPaths(),
                linux.readonlyPaths(), linux.devices(), linux.seccomp(), maps(mapping.uids()), maps(mapping.gids()));
    }

    /**
     * sysfs can only be mounted by the user namespace that owns the network namespace, and berth's network
     * namespaces are made by the daemon (the host's user namespace): a remapped container gets /sys bound
     * read-only from the host instead, as rootless runtimes do.
     */
    static List<OciSpec.Mount> mounts(List<OciSpec.Mount> mounts, Optional<BundleSpec.UserNamespace> userns) {
        if (userns.isEmpty()) return mounts;
        return mounts.stream().map(m -> !m.type().equals("sysfs") ? m
                : new OciSpec.Mount(m.destination(), "bind", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")))
                .toList();
    }

    private static List<OciSpec.IdMap> maps(List<IdMapping.Range> ranges) {
        return ranges.stream().map(r -> new OciSpec.IdMap(r.inside(), r.outside(), r.size())).toList();
    }
}
