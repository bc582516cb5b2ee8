package berth.runtime.cgroup;

import static berth.runtime.cgroup.CgroupFiles.keyValues;
import static berth.runtime.cgroup.CgroupFiles.number;
import static berth.runtime.cgroup.CgroupFiles.under;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** cgroup v2: one unified hierarchy under {@code root}; times in microseconds, which we turn into nanoseconds. */
public record CgroupV2Reader(Path root) implements CgroupReader {

    @Override
    public String version() {
        return "2";
    }

    @Override
    public Set<Integer> pids(String cgroupPath) {
        return CgroupFiles.procsBelow(under(root, cgroupPath));
    }

    @Override
    public Optional<CgroupStats> stats(String cgroupPath) {
        Path dir = under(root, cgroupPath);
        if (!Files.isDirectory(dir)) return Optional.empty();
        long pidsMax = number(dir.resolve("pids.max"));
        return Optional.of(new CgroupStats(cpu(dir), memory(dir),
                new CgroupStats.Pids(number(dir.resolve("pids.current")), pidsMax == CgroupStats.UNLIMITED ? 0 : pidsMax),
                io(dir)));
    }

    @Override
    public long oomKills(String cgroupPath) {
        return keyValues(under(root, cgroupPath).resolve("memory.events")).getOrDefault("oom_kill", 0L);
    }

    private static CgroupStats.Cpu cpu(Path dir) {
        Map<String, Long> s = keyValues(dir.resolve("cpu.stat"));
        return new CgroupStats.Cpu(micros(s, "usage_usec"), List.of(), micros(s, "system_usec"), micros(s, "user_usec"),
                s.getOrDefault("nr_periods", 0L), s.getOrDefault("nr_throttled", 0L), micros(s, "throttled_usec"));
    }

    private static long micros(Map<String, Long> values, String key) {
        return values.getOrDefault(key, 0L) * 1000;
    }

    /** failcnt is the number of OOM events, as Docker reports it on v2. */
    private static CgroupStats.Memory memory(Path dir) {
        return new CgroupStats.Memory(number(dir.resolve("memory.current")), number(dir.resolve("memory.peak")),
                number(dir.resolve("memory.max")), keyValues(dir.resolve("memory.events")).getOrDefault("oom", 0L),
                keyValues(dir.resolve("memory.stat")));
    }

    /** io.stat: "8:0 rbytes=1 wbytes=2 rios=3 ..." per device, reported as a read and a write entry. */
    private static List<CgroupStats.BlkioEntry> io(Path dir) {
        List<CgroupStats.BlkioEntry> entries = new ArrayList<>();
        for (String line : CgroupFiles.lines(dir.resolve("io.stat"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) continue;
            String[] dev = f[0].split(":");
            long major = CgroupFiles.parse(dev[0]), minor = CgroupFiles.parse(dev[1]);
            entries.add(new CgroupStats.BlkioEntry(major, minor, "read", field(f, "rbytes")));
            entries.add(new CgroupStats.BlkioEntry(major, minor, "write", field(f, "wbytes")));
        }
        return entries;
    }

    private static long field(String[] fields, String key) {
        for (String f : fields) if (f.startsWith(key + "=")) return CgroupFiles.parse(f.substring(key.length() + 1));
        return 0;
    }
}
