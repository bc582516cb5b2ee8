package berth.engine;

import berth.engine.view.ContainerStats.NetworkStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The host's side of a stats sample, parsed from /proc the way Docker reads it. */
final class HostCounters {
    /** /proc/stat counts in USER_HZ ticks, 100 per second on Linux. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private HostCounters() {}

    /** All CPU time of the host in nanoseconds (the first seven fields of the "cpu" line) and the online CPUs. */
    record SystemCpu(long nanos, int onlineCpus) {}

    static SystemCpu systemCpu(List<String> procStat) {
        long ticks = 0;
        int cpus = 0;
        for (String line : procStat) {
            if (!line.startsWith("cpu")) break;
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("cpu")) {
                for (int i = 1; i <= 7 && i < f.length; i++) ticks += Long.parseLong(f[i]);
            } else {
                cpus++;
            }
        }
        return new SystemCpu(ticks * NANOS_PER_TICK, cpus);
    }

    /** MemTotal in bytes, 0 when absent. */
    static long memTotal(List<String> meminfo) {
        return meminfo.stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D+", "")) * 1024).orElse(0L);
    }

    /**
     * /proc/PID/net/dev of the container's network namespace: every interface but loopback, as Docker
     * reports the container's endpoints only.
     */
    static Map<String, NetworkStats> networks(List<String> netDev) {
        Map<String, NetworkStats> networks = new TreeMap<>();
        for (String line : netDev) {
            int colon = line.indexOf(':');
            if (colon < 0) continue; // the two header lines
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (name.equals("lo") || f.length < 12) continue;
            networks.put(name, new NetworkStats(n(f[0]), n(f[1]), n(f[2]), n(f[3]), n(f[8]), n(f[9]), n(f[10]), n(f[11])));
        }
        return networks;
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of(); // a process that just ended, or no /proc: nothing to report
        }
    }

    private static long n(String s) {
        return Long.parseLong(s);
    }
}
