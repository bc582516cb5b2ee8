package berth.runtime.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a container's cgroup: the processes in it and its resource counters. {@code cgroupPath} is the
 * path the OCI spec gave the runtime ({@link #containerPath}), relative to each hierarchy's root. One
 * implementation per cgroup version; {@link #host()} picks the one this machine mounts.
 */
public sealed interface CgroupReader permits CgroupV1Reader, CgroupV2Reader {
    Path SYS_FS_CGROUP = Path.of("/sys/fs/cgroup");

    /** cgroup v2 when /sys/fs/cgroup is the unified hierarchy, else v1 (also the v1/v2 hybrid layout). */
    static CgroupReader host() {
        return Files.exists(SYS_FS_CGROUP.resolve("cgroup.controllers"))
                ? new CgroupV2Reader(SYS_FS_CGROUP) : new CgroupV1Reader(SYS_FS_CGROUP);
    }

    /** The cgroup berth asks the runtime for: {@code <parent>/<id>}, "/berth" when no parent is set. */
    static String containerPath(String cgroupParent, String containerId) {
        String parent = cgroupParent.isEmpty() ? "/berth" : cgroupParent;
        return (parent.startsWith("/") ? parent : "/" + parent).replaceAll("/+$", "") + "/" + containerId;
    }

    /** "1" or "2". */
    String version();

    /** The PIDs in the cgroup and below it; empty when the cgroup does not exist. */
    Set<Integer> pids(String cgroupPath);

    /** The counters now; empty when the cgroup does not exist (the container is not running). */
    Optional<CgroupStats> stats(String cgroupPath);

    /** How many processes the OOM killer killed in the cgroup (its memory limit); 0 when it does not exist.
     * Read before the runtime deletes the cgroup: that is how an exit is known to be an OOM kill. */
    long oomKills(String cgroupPath);
}
