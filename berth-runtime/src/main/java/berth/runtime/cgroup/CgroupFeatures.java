package berth.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which cgroup limits this host can apply, found as Docker's sysinfo finds them: by the control files the
 * mounted hierarchies offer. A limit the host lacks is dropped with Docker's warning rather than made to fail
 * the runtime.
 */
public record CgroupFeatures(boolean memoryLimit, boolean swapLimit, boolean memoryReservation, boolean swappiness,
                             boolean oomKillDisable, boolean cpuShares, boolean cpuCfs, boolean cpuset, boolean pids,
                             boolean blkioWeight) {

    /** Everything: what unit tests of the rules start from. */
    public static final CgroupFeatures ALL = new CgroupFeatures(true, true, true, true, true, true, true, true, true, true);

    public static CgroupFeatures host() {
        Path root = CgroupReader.SYS_FS_CGROUP;
        return Files.exists(root.resolve("cgroup.controllers")) ? v2(root) : v1(root);
    }

    static CgroupFeatures v1(Path root) {
        Path memory = root.resolve("memory"), cpu = root.resolve("cpu"), blkio = root.resolve("blkio");
        return new CgroupFeatures(has(memory, "memory.limit_in_bytes"), has(memory, "memory.memsw.limit_in_bytes"),
                has(memory, "memory.soft_limit_in_bytes"), has(memory, "memory.swappiness"),
                has(memory, "memory.oom_control"), has(cpu, "cpu.shares"), has(cpu, "cpu.cfs_quota_us"),
                has(root.resolve("cpuset"), "cpuset.cpus"), Files.isDirectory(root.resolve("pids")),
                has(blkio, "blkio.weight") || has(blkio, "blkio.bfq.weight"));
    }

    /** v2 has no swappiness and no way to disable the OOM killer. */
    static CgroupFeatures v2(Path root) {
        Set<String> controllers = Set.of(CgroupFiles.lines(root.resolve("cgroup.controllers")).stream()
                .flatMap(l -> Stream.of(l.trim().split("\\s+"))).toArray(String[]::new));
        boolean memory = controllers.contains("memory"), cpu = controllers.contains("cpu");
        Optional<Path> child = firstChild(root);
        boolean io = controllers.contains("io")
                && child.map(c -> has(c, "io.weight") || has(c, "io.bfq.weight")).orElse(false);
        return new CgroupFeatures(memory, memory && child.map(c -> has(c, "memory.swap.max")).orElse(false), memory,
                false, false, cpu, cpu, controllers.contains("cpuset"), controllers.contains("pids"), io);
    }

    /** Interface files like io.weight exist only below the root. */
    private static Optional<Path> firstChild(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(p -> Files.isDirectory(p) && has(p, "cgroup.procs")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean has(Path dir, String file) {
        return Files.exists(dir.resolve(file));
    }
}
