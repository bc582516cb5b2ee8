package berth.runtime.cgroup;

import static berth.runtime.cgroup.CgroupFiles.keyValues;
import static berth.runtime.cgroup.CgroupFiles.number;
import static berth.runtime.cgroup.CgroupFiles.under;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * cgroup v1: one hierarchy per controller under {@code root} (root/memory, root/cpuacct ...; a combined
 * "cpu,cpuacct" mount is reached through the symlinks the distributions make).
 */
public record CgroupV1Reader(Path root) implements CgroupReader {
    /** cpuacct.stat counts in USER_HZ ticks, 100 per second on Linux. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final List<String> PROCS_CONTROLLERS = List.of("pids", "memory", "cpuacct", "cpu", "freezer");

    @Override
    public String version() {
        return "1";
    }

    @Override
    public Set<Integer> pids(String cgroupPath) {
        return PROCS_CONTROLLERS.stream().map(c -> dir(c, cgroupPath)).filter(Files::isDirectory).findFirst()
                .map(CgroupFiles::procsBelow).orElse(Set.of());
    }

    @Override
    public Optional<CgroupStats> stats(String cgroupPath) {
        Path memory = dir("memory", cgroupPath);
        Path cpuacct = dir("cpuacct", cgroupPath);
        if (!Files.isDirectory(memory) && !Files.isDirectory(cpuacct)) return Optional.empty();
        return Optional.of(new CgroupStats(cpu(cpuacct, dir("cpu", cgroupPath)), memory(memory),
                new CgroupStats.Pids(number(dir("pids", cgroupPath).resolve("pids.current")),
                        pidsLimit(dir("pids", cgroupPath).resolve("pids.max"))),
                blkio(dir("blkio", cgroupPath))));
    }

    /** memory.oom_control counts kills ("oom_kill N") since Linux 4.13. */
    @Override
    public long oomKills(String cgroupPath) {
        return keyValues(dir("memory", cgroupPath).resolve("memory.oom_control")).getOrDefault("oom_kill", 0L);
    }

    private Path dir(String controller, String cgroupPath) {
        return under(root.resolve(controller), cgroupPath);
    }

    private static CgroupStats.Cpu cpu(Path cpuacct, Path cpu) {
        Map<String, Long> ticks = keyValues(cpuacct.resolve("cpuacct.stat"));
        Map<String, Long> throttling = keyValues(cpu.resolve("cpu.stat"));
        return new CgroupStats.Cpu(number(cpuacct.resolve("cpuacct.usage")), perCpu(cpuacct),
                ticks.getOrDefault("system", 0L) * NANOS_PER_TICK, ticks.getOrDefault("user", 0L) * NANOS_PER_TICK,
                throttling.getOrDefault("nr_periods", 0L), throttling.getOrDefault("nr_throttled", 0L),
                throttling.getOrDefault("throttled_time", 0L));
    }

    private static List<Long> perCpu(Path cpuacct) {
        return CgroupFiles.lines(cpuacct.resolve("cpuacct.usage_percpu")).stream()
                .flatMap(l -> Arrays.stream(l.trim().split("\\s+"))).filter(s -> !s.isEmpty())
                .map(CgroupFiles::parse).toList();
    }

    private static CgroupStats.Memory memory(Path memory) {
        return new CgroupStats.Memory(number(memory.resolve("memory.usage_in_bytes")),
                number(memory.resolve("memory.max_usage_in_bytes")), number(memory.resolve("memory.limit_in_bytes")),
                number(memory.resolve("memory.failcnt")), keyValues(memory.resolve("memory.stat")));
    }

    /** pids.max is "max" when unlimited; Docker reports that as no limit (0). */
    private static long pidsLimit(Path file) {
        long limit = number(file);
        return limit == CgroupStats.UNLIMITED ? 0 : limit;
    }

    /** The throttle counters work with every I/O scheduler; the CFQ-only ones are the fallback. */
    private static List<CgroupStats.BlkioEntry> blkio(Path blkio) {
        List<String> lines = CgroupFiles.lines(blkio.resolve("blkio.throttle.io_service_bytes_recursive"));
        if (lines.isEmpty()) lines = CgroupFiles.lines(blkio.resolve("blkio.io_service_bytes_recursive"));
        List<CgroupStats.BlkioEntry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 || !f[0].contains(":")) continue; // "Total N"
            String[] dev = f[0].split(":");
            entries.add(new CgroupStats.BlkioEntry(CgroupFiles.parse(dev[0]), CgroupFiles.parse(dev[1]), f[1],
                    CgroupFiles.parse(f[2])));
        }
        return entries;
    }
}
