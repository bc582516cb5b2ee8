package berth.engine.model;

/**
 * A mount of a container as berth resolved it at create time and stores with the container: binds with
 * their host path, volumes with their name (an anonymous one's generated name) and mount point, tmpfs with
 * its mount options. {@code mode} is what inspect shows ("z" for {@code -v} volumes, "ro", ...);
 * {@code copyUp} is false for Docker's {@code nocopy}; {@code listed} is false for {@code --tmpfs} entries,
 * which Docker shows in HostConfig.Tmpfs but not in Mounts.
 */
public record ContainerMount(Kind kind, String name, String source, String destination, String mode, boolean rw,
                             String propagation, boolean copyUp, String tmpfsOptions, boolean listed) {

    public enum Kind { BIND, VOLUME, TMPFS }

    public static ContainerMount bind(String source, String destination, String mode, boolean rw, String propagation) {
        return new ContainerMount(Kind.BIND, "", source, destination, mode, rw, propagation, false, "", true);
    }

    /** {@code name} is "" for an anonymous volume still to be made. */
    public static ContainerMount volume(String name, String destination, String mode, boolean rw, boolean copyUp) {
        return new ContainerMount(Kind.VOLUME, name, "", destination, mode, rw, "", copyUp, "", true);
    }

    public static ContainerMount tmpfs(String destination, String options, boolean rw, boolean listed) {
        return new ContainerMount(Kind.TMPFS, "", "", destination, "", rw, "", false, options, listed);
    }

    public ContainerMount withVolume(String volumeName, String mountpoint) {
        return new ContainerMount(kind, volumeName, mountpoint, destination, mode, rw, propagation, copyUp,
                tmpfsOptions, listed);
    }

    /** {@code --volumes-from c:ro|rw} overrides the write mode. */
    public ContainerMount withRw(boolean newRw, String newMode) {
        return new ContainerMount(kind, name, source, destination, newMode, newRw, propagation, copyUp,
                tmpfsOptions, listed);
    }

    public boolean isVolume() {
        return kind == Kind.VOLUME;
    }
}
