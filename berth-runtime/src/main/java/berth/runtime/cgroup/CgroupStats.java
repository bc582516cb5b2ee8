package berth.runtime.cgroup;

import java.util.List;
import java.util.Map;

/**
 * One reading of a container's cgroup counters, the same for cgroup v1 and v2: times in nanoseconds,
 * sizes in bytes. An unlimited memory or pids limit is {@link #UNLIMITED}.
 */
public record CgroupStats(Cpu cpu, Memory memory, Pids pids, List<BlkioEntry> ioServiceBytes) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public CgroupStats {
        ioServiceBytes = List.copyOf(ioServiceBytes);
    }

    /** {@code perCpuNanos} is empty on cgroup v2, which does not count per CPU. */
    public record Cpu(long totalNanos, List<Long> perCpuNanos, long kernelNanos, long userNanos, long periods,
                      long throttledPeriods, long throttledNanos) {
        public Cpu {
            perCpuNanos = List.copyOf(perCpuNanos);
        }
    }

    /** {@code stats} is memory.stat as the kernel writes it (v1: cache, rss, total_inactive_file ...; v2: anon, file, inactive_file ...). */
    public record Memory(long usage, long maxUsage, long limit, long failcnt, Map<String, Long> stats) {
        public Memory {
            stats = Map.copyOf(stats);
        }
    }

    public record Pids(long current, long limit) {}

    /** One line of a block I/O counter: device, operation ("Read", "Write" on v1; "read", "write" on v2), bytes. */
    public record BlkioEntry(long major, long minor, String op, long value) {}
}
