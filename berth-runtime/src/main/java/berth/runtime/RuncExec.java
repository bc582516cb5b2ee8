package berth.runtime;

import berth.sys.Os;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An exec without a TTY: {@code runtime exec --process} runs as our child with pipes, forwards signals
 * and exits with the process's code. When the process cannot even be executed the runtime exits 255 after
 * printing why on stderr; Docker's codes (127 not found, 126 not executable) are restored from its log.
 */
final class RuncExec implements ExecProcess {
    private static final int RUNTIME_FAILED = 255;

    private final Process process;
    private final Path files;
    private final Os os;

    private RuncExec(Process process, Path files, Os os) {
        this.process = process;
        this.files = files;
        this.os = os;
    }

    /** Starts {@code argv}; {@code files} is the prefix of the process.json, pid and log files. */
    static RuncExec start(List<String> argv, Path files, Os os) {
        try {
            return new RuncExec(new ProcessBuilder(argv).start(), files, os);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
    }

    static Path processJson(Path files) { return sibling(files, ".json"); }

    static Path pidFile(Path files) { return sibling(files, ".pid"); }

    static Path logFile(Path files) { return sibling(files, ".log"); }

    @Override public InputStream stdout() { return process.getInputStream(); }

    @Override public InputStream stderr() { return process.getErrorStream(); }

    @Override public OutputStream stdin() { return process.getOutputStream(); }

    /** The host pid of the process in the container once the runtime started it, else the runtime's. */
    @Override
    public int pid() {
        return execPid().orElse((int) process.pid());
    }

    @Override
    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        int mapped = code == RUNTIME_FAILED ? execFailure().orElse(code) : code;
        for (Path p : List.of(processJson(files), pidFile(files), logFile(files))) deleteQuietly(p);
        return mapped;
    }

    @Override
    public void kill() {
        if (process.isAlive()) execPid().ifPresent(pid -> os.kill(pid, 9));
        process.destroyForcibly();
    }

    /** The runtime logs an error only when it failed to execute the process (not when the process
     * itself exited 255): a missing file gives 127, anything else 126. */
    private Optional<Integer> execFailure() {
        try {
            Optional<String> error = Files.readAllLines(logFile(files)).stream()
                    .filter(l -> l.contains("\"error\"")).map(RuncCli::msg).flatMap(Optional::stream).findFirst();
            return error.map(m -> m.toLowerCase(Locale.ROOT)).map(m -> m.contains("not found")
                    || m.contains("no such file or directory") ? 127 : 126);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Integer> execPid() {
        try {
            return Optional.of(Integer.parseInt(Files.readString(pidFile(files)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Path sibling(Path files, String suffix) {
        return files.resolveSibling(files.getFileName() + suffix);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in the bundle goes with the bundle
        }
    }
}
