package berth.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The daemon's own hard rlimits (/proc/self/limits) and whether it may raise them (CAP_SYS_RESOURCE): a
 * container's runtime inherits them, so without the capability a container cannot get more.
 */
public record DaemonRlimits(Map<String, Long> hard, boolean canRaise) {
    /** Docker's names (go-units) and the rows of /proc/PID/limits. */
    static final Map<String, String> ROWS = Map.ofEntries(Map.entry("cpu", "Max cpu time"),
            Map.entry("fsize", "Max file size"), Map.entry("data", "Max data size"),
            Map.entry("stack", "Max stack size"), Map.entry("core", "Max core file size"),
            Map.entry("rss", "Max resident set"), Map.entry("nproc", "Max processes"),
            Map.entry("nofile", "Max open files"), Map.entry("memlock", "Max locked memory"),
            Map.entry("as", "Max address space"), Map.entry("locks", "Max file locks"),
            Map.entry("sigpending", "Max pending signals"), Map.entry("msgqueue", "Max msgqueue size"),
            Map.entry("nice", "Max nice priority"), Map.entry("rtprio", "Max realtime priority"),
            Map.entry("rttime", "Max realtime timeout"));
    private static final long CAP_SYS_RESOURCE = 1L << 24;

    public DaemonRlimits {
        hard = Map.copyOf(hard);
    }

    public static DaemonRlimits self() {
        try {
            return parse(Files.readString(Path.of("/proc/self/limits")), Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DaemonRlimits parse(String limits, String status) {
        var hard = new java.util.HashMap<String, Long>();
        for (var row : ROWS.entrySet()) {
            limits.lines().filter(l -> l.startsWith(row.getValue() + " ")).findFirst().ifPresent(l -> {
                String[] f = l.substring(row.getValue().length()).trim().split("\\s+");
                if (f.length >= 2 && !f[1].equals("unlimited")) hard.put(row.getKey(), Long.parseLong(f[1]));
            });
        }
        long capEff = status.lines().filter(l -> l.startsWith("CapEff:")).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(7).trim(), 16)).orElse(0L);
        return new DaemonRlimits(hard, (capEff & CAP_SYS_RESOURCE) != 0);
    }

    /** Whether {@code name} is a limit Linux knows (Docker's names). */
    public static boolean known(String name) {
        return ROWS.containsKey(name);
    }

    /** The hard limit a container may not exceed; empty when unlimited or when the daemon may raise it. */
    public OptionalLong ceiling(String name) {
        Long h = hard.get(name);
        return canRaise || h == null ? OptionalLong.empty() : OptionalLong.of(h);
    }
}
