package berth.runtime;

import berth.sys.Os;
import berth.sys.OsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * conmon is launched by a shell that opens the sync FIFO and then execs it ({@link Conmon}); opening a FIFO
 * for writing waits for its reader, the daemon. A daemon killed between the spawn and its own open leaves
 * that shell waiting for ever, a monitor that never runs and that nobody owns. When the runtime opens no
 * start can be in flight, so every launcher of this runtime root still in the shell is such a leftover.
 */
final class StaleLaunchers {
    private static final Logger LOG = Logger.getLogger(StaleLaunchers.class.getName());
    private static final int SIGKILL = 9;

    private StaleLaunchers() {}

    /** Kills the launchers under {@code proc} whose conmon would use {@code runtimeRoot}; returns their pids. */
    static List<Integer> kill(Path proc, Path runtimeRoot, Os os) {
        String rootArg = "--root=" + runtimeRoot;
        List<Integer> killed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (!isLauncher(argv(p), rootArg)) continue;
                int pid = Integer.parseInt(p.getFileName().toString());
                try {
                    os.kill(pid, SIGKILL);
                    killed.add(pid);
                    LOG.info("killed monitor launcher " + pid + " left waiting by an earlier daemon");
                } catch (OsException gone) {
                    // it went on its own
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot list " + proc + ": " + e.getMessage());
        }
        return killed;
    }

    /** Still the shell (not yet conmon), and launching for this runtime root. */
    static boolean isLauncher(List<String> argv, String rootArg) {
        return argv.size() > 3 && argv.get(0).equals("/bin/sh") && argv.get(1).equals("-c")
                && argv.get(2).startsWith("exec \"$0\" \"$@\"") && argv.contains(rootArg);
    }

    private static List<String> argv(Path pidDir) {
        try {
            String cmdline = new String(Files.readAllBytes(pidDir.resolve("cmdline")), StandardCharsets.UTF_8);
            return Arrays.asList(cmdline.split("\0"));
        } catch (IOException ended) {
            return List.of();
        }
    }
}
