package berth.runtime;

import berth.common.Json;
import berth.sys.Os;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Podman's container monitor. conmon runs {@code <runtime> create}, reports the container's pid (or the
 * runtime's error) on a sync pipe, then double-forks away from us: it holds the container's stdio, writes
 * the k8s-file log and the exit file, and outlives the daemon.
 */
final class Conmon {
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    /** Java closes every fd above 2 in its children, so the sync pipe reaches conmon as a FIFO that a
     * shell opens as fd 3 just before it execs conmon. */
    private static final String EXEC_WITH_FD3 = "exec \"$0\" \"$@\" 3>\"$BERTH_SYNC\"";

    private final Path executable;
    private final ExecRoot dirs;
    private final RuncCli runtime;
    private final Os os;

    Conmon(Path executable, ExecRoot dirs, RuncCli runtime, Os os) {
        this.executable = executable;
        this.dirs = dirs;
        this.runtime = runtime;
        this.os = os;
    }

    /** Starts conmon, which creates (not starts) the container; returns the container's host pid. */
    int create(String id, Path logPath, ProcessSpec process) {
        Path fifo = dirs.bundle(id).resolve("sync.fifo");
        makeFifo(fifo);
        CompletableFuture<Optional<String>> reply = CompletableFuture.supplyAsync(() -> firstLine(fifo),
                Thread::startVirtualThread);
        spawn(argv(id, logPath, process), fifo, dirs.bundle(id).resolve("conmon.err"));
        return pid(awaitReply(reply, fifo), dirs.bundle(id));
    }

    /** The pid conmon wrote to its pid file, while that process lives. */
    Optional<ProcessHandle> process(String id) {
        try {
            String pid = Files.readString(dirs.bundle(id).resolve("conmon.pid")).strip();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private List<String> argv(String id, Path logPath, ProcessSpec process) {
        Path bundle = dirs.bundle(id);
        var argv = new ArrayList<>(List.of(executable.toString(), "--api-version", "1", "-c", id, "-u", id,
                "-n", id, "-r", runtime.binary().executable().toString(), "-b", bundle.toString(),
                "-p", bundle.resolve("pidfile").toString(), "--exit-dir", dirs.exits().toString(),
                "--persist-dir", bundle.toString(), "-l", "k8s-file:" + logPath, "--log-level", "error",
                "--socket-dir-path", dirs.sockets().toString(), "-P", bundle.resolve("conmon.pid").toString(),
                "--runtime-arg", "--log-format=json", "--runtime-arg", "--log=" + bundle.resolve("oci-log"),
                "--runtime-arg", "--root=" + runtime.root()));
        if (process.terminal()) argv.add("-t");
        if (process.openStdin()) argv.add("-i");
        return argv;
    }

    private void makeFifo(Path fifo) {
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot remove " + fifo + ": " + e.getMessage(), e);
        }
        os.mkfifo(fifo, 0600);
    }

    private static void spawn(List<String> argv, Path fifo, Path errors) {
        var command = new ArrayList<>(List.of("/bin/sh", "-c", EXEC_WITH_FD3));
        command.addAll(argv);
        var builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
        builder.environment().put("_OCI_SYNCPIPE", "3");
        builder.environment().put("BERTH_SYNC", fifo.toString());
        try {
            builder.start();
        } catch (IOException e) {
            throw new RuntimeFailure("cannot start conmon: " + e.getMessage(), e);
        }
    }

    /** Blocks in open(2) until the shell opens the FIFO for writing; empty when conmon closed it silently. */
    private static Optional<String> firstLine(Path fifo) {
        try (BufferedReader in = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
            return Optional.ofNullable(in.readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> awaitReply(CompletableFuture<Optional<String>> reply, Path fifo) {
        try {
            return reply.get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            unblock(fifo);
            throw new RuntimeFailure("conmon did not report within " + SYNC_TIMEOUT.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new RuntimeFailure("reading conmon's sync pipe: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            unblock(fifo);
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while waiting for conmon", e);
        }
    }

    /** Opening the write end releases a reader still blocked in open(2); closing it gives it EOF. */
    private static void unblock(Path fifo) {
        try {
            new FileOutputStream(fifo.toFile()).close();
        } catch (IOException ignored) {
            // the reader is gone already
        }
    }

    /** conmon's reply: {"data": pid} or {"data": -1, "message": "runc create failed: ..."}. */
    private static int pid(Optional<String> reply, Path bundle) {
        JsonNode node = reply.map(Conmon::parse).orElseThrow(() -> new RuntimeFailure(silentFailure(bundle)));
        int pid = node.path("data").asInt(-1);
        if (pid > 0) return pid;
        String message = node.path("message").asText("").strip();
        throw new RuntimeFailure(message.isEmpty() ? "conmon failed to create the container" : message);
    }

    private static JsonNode parse(String line) {
        try {
            return Json.oci().readTree(line);
        } catch (IOException e) {
            throw new RuntimeFailure("unreadable reply from conmon: " + line, e);
        }
    }

    private static String silentFailure(Path bundle) {
        try {
            String errors = Files.readString(bundle.resolve("conmon.err")).strip();
            return errors.isEmpty() ? "conmon exited without reporting" : "conmon: " + errors;
        } catch (IOException e) {
            return "conmon exited without reporting";
        }
    }
}
