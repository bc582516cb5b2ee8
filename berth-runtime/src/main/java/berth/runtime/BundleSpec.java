package berth.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything berth decides about a container, from which the runtime module writes the OCI config.json
 * with Docker's defaults (namespaces, capabilities, masked and read-only paths, /dev, /proc, /sys mounts,
 * rlimits never above the daemon's own).
 *
 * @param id          the container's 64-hex ID, also the runtime's container ID
 * @param rootfs      the mounted root filesystem (the overlay's merged directory)
 * @param logPath     where the monitor writes the container's output (conmon's k8s-file format)
 * @param process     the init process
 * @param hostname    set in the UTS namespace (Docker: the short ID unless given)
 * @param domainname  NIS domain name, "" when unset
 * @param network     HOST shares the host's network namespace; NONE gives a new one (loopback, down);
 *                    {@link NetworkMode.Joined} joins a namespace berth made (bridge, none, container:)
 * @param mounts      extra mounts (binds, volumes, tmpfs, the generated /etc/hosts, /etc/hostname, /etc/resolv.conf)
 * @param readonlyRootfs mount the root read-only
 * @param cgroupParent the cgroup under which the container's own cgroup is made, e.g. "/berth"
 * @param labels      the container's labels, written as OCI annotations
 * @param security    capabilities, seccomp, no-new-privileges, extra groups, devices ({@link SecuritySpec})
 * @param resources   cgroup limits, rlimits, /dev/shm size, OOM score adjustment
 * @param userns      the user namespace to join ({@code --userns-remap}) and its maps; empty: the host's
 */
public record BundleSpec(String id, Path rootfs, Path logPath, ProcessSpec process, String hostname,
                         String domainname, NetworkMode network, List<MountSpec> mounts, boolean readonlyRootfs,
                         String cgroupParent, Map<String, String> labels, SecuritySpec security,
                         ContainerResources resources, java.util.Optional<UserNamespace> userns) {
    public BundleSpec {
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
        java.util.Objects.requireNonNull(security, "security");
        java.util.Objects.requireNonNull(resources, "resources");
    }

    /** With Docker's default confinement and no limits of its own (the daemon's rlimits, no cgroup limits,
     * Docker's 64 MiB /dev/shm). */
    public BundleSpec(String id, Path rootfs, Path logPath, ProcessSpec process, String hostname,
                      String domainname, NetworkMode network, List<MountSpec> mounts, boolean readonlyRootfs,
                      String cgroupParent, Map<String, String> labels) {
        this(id, rootfs, logPath, process, hostname, domainname, network, mounts, readonlyRootfs, cgroupParent,
                labels, SecuritySpec.DEFAULT, ContainerResources.NONE);
    }

    /** With no limits of its own. */
    public BundleSpec(String id, Path rootfs, Path logPath, ProcessSpec process, String hostname,
                      String domainname, NetworkMode network, List<MountSpec> mounts, boolean readonlyRootfs,
                      String cgroupParent, Map<String, String> labels, SecuritySpec security) {
        this(id, rootfs, logPath, process, hostname, domainname, network, mounts, readonlyRootfs, cgroupParent,
                labels, security, ContainerResources.NONE);
    }

    /** With Docker's default confinement. */
    public BundleSpec(String id, Path rootfs, Path logPath, ProcessSpec process, String hostname,
                      String domainname, NetworkMode network, List<MountSpec> mounts, boolean readonlyRootfs,
                      String cgroupParent, Map<String, String> labels, ContainerResources resources) {
        this(id, rootfs, logPath, process, hostname, domainname, network, mounts, readonlyRootfs, cgroupParent,
                labels, SecuritySpec.DEFAULT, resources);
    }

    /** In the host's user namespace. */
    public BundleSpec(String id, Path rootfs, Path logPath, ProcessSpec process, String hostname,
                      String domainname, NetworkMode network, List<MountSpec> mounts, boolean readonlyRootfs,
                      String cgroupParent, Map<String, String> labels, SecuritySpec security,
                      ContainerResources resources) {
        this(id, rootfs, logPath, process, hostname, domainname, network, mounts, readonlyRootfs, cgroupParent, labels,
                security, resources, java.util.Optional.empty());
    }

    /** This spec in that user namespace. */
    public BundleSpec withUserns(java.util.Optional<UserNamespace> ns) {
        return new BundleSpec(id, rootfs, logPath, process, hostname, domainname, network, mounts, readonlyRootfs,
                cgroupParent, labels, security, resources, ns);
    }

    /** A user namespace pinned at {@code path} (the daemon's, for every remapped container) with these maps. */
    public record UserNamespace(berth.common.IdMapping mapping, Path path) {}

    /** Which network namespace the container gets. */
    public sealed interface NetworkMode {
        NetworkMode HOST = new Host();
        NetworkMode NONE = new Fresh();

        /** The host's namespace. */
        record Host() implements NetworkMode {}

        /** A new, empty namespace made by the runtime. */
        record Fresh() implements NetworkMode {}

        /** The existing namespace pinned at {@code netns} (a bind-mounted nsfs file). */
        record Joined(Path netns) implements NetworkMode {}
    }

    /** A mount in the container: a bind of a host path, or a tmpfs. */
    public sealed interface MountSpec {
        String destination();

        /** A recursive bind of {@code source} (a host path); {@code propagation} is Docker's (rprivate...). */
        record Bind(Path source, String destination, boolean readOnly, String propagation) implements MountSpec {
            public Bind(Path source, String destination, boolean readOnly) {
                this(source, destination, readOnly, "rprivate");
            }
        }

        /** A tmpfs with mount(8) options (size=, mode=, noexec...). */
        record Tmpfs(String destination, java.util.List<String> options) implements MountSpec {
            public Tmpfs {
                options = java.util.List.copyOf(options);
            }
        }
    }
}
