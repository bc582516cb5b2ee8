package berth.runtime;

import berth.common.Json;
import berth.sys.Os;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Map;
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
    static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

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
        var replies = SyncReplies.container(fifo);
        spawn(argv(id, logPath, process), List.of("3>\"$BERTH_SYNC\""),
                Map.of("_OCI_SYNCPIPE", "3", "BERTH_SYNC", fifo.toString()), dirs.bundle(id).resolve("conmon.err"));
        return pid(replies.next(SYNC_TIMEOUT), dirs.bundle(id));
    }

    /** Reads of FIFOs block in the kernel for as long as conmon keeps them open (an exec's exit code may come
     * days later); on a virtual thread such a read pins its carrier and can starve the scheduler, so these
     * readers are platform threads. */
    static Thread startBlockingReader(Runnable r) {
        return Thread.ofPlatform().daemon().name("conmon-pipe").start(r);
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
        var argv = common(id, id, bundle, process);
        argv.addAll(List.of("-n", id, "-p", bundle.resolve("pidfile").toString(), "--exit-dir", dirs.exits().toString(),
                "--persist-dir", bundle.toString(), "-l", "k8s-file:" + logPath,
                "-P", bundle.resolve("conmon.pid").toString(),
                "--runtime-arg", "--log=" + bundle.resolve("oci-log")));
        return argv;
    }

    /** What a container's and an exec's monitor share. The attach socket lives in {@code dir} itself
     * (--full-attach): we reach it through /proc/self/fd, so the path's length does not matter. */
    private ArrayList<String> common(String containerId, String uuid, Path dir, ProcessSpec process) {
        var argv = new ArrayList<>(List.of(executable.toString(), "--api-version", "1", "-c", containerId,
                "-u", uuid, "-r", runtime.binary().executable().toString(), "-b", dir.toString(), "--full-attach",
                "--log-level", "error", "--socket-dir-path", dirs.sockets().toString(),
                "--runtime-arg", "--log-format=json", "--runtime-arg", "--root=" + runtime.root()));
        if (process.terminal()) argv.add("-t");
        if (process.openStdin()) argv.add("-i");
        // Docker closes stdin at the end of the first attach only for StdinOnce without a TTY
        if (process.openStdin() && (process.terminal() || !process.stdinOnce())) argv.add("--leave-stdin-open");
        return argv;
    }

    /**
     * Starts an exec under its own monitor in {@code dir} (which holds process.json). conmon's exec-attach
     * handshake: it reads a first start message, opens its attach socket and says so on the attach pipe;
     * we connect, then a second start message lets it run the process. No output can be missed.
     */
    ConmonExec exec(String containerId, String execId, Path dir, ProcessSpec process) {
        Path sync = dir.resolve("sync.fifo"), start = dir.resolve("start.fifo"), attach = dir.resolve("attach.fifo");
        for (Path fifo : List.of(sync, start, attach)) makeFifo(fifo);
        var argv = common(containerId, execId, dir, process);
        argv.addAll(List.of("-p", dir.resolve("pid").toString(), "--exit-dir", dir.toString(), "-l", "none",
                "-P", dir.resolve("conmon.pid").toString(), "--runtime-arg", "--log=" + dir.resolve("oci-log"),
                "--exec", "--exec-process-spec", dir.resolve("process.json").toString(), "--exec-attach"));
        // our ends of start and attach are opened read-write: such an open never waits for the other side
        try (var startPipe = FileChannel.open(start, StandardOpenOption.READ, StandardOpenOption.WRITE);
             var attachPipe = FileChannel.open(attach, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            var replies = SyncReplies.exec(sync);
            spawn(argv, List.of("3>\"$BERTH_SYNC\"", "4<\"$BERTH_START\"", "5>\"$BERTH_ATTACH\""),
                    Map.of("_OCI_SYNCPIPE", "3", "_OCI_STARTPIPE", "4", "_OCI_ATTACHPIPE", "5",
                            "BERTH_SYNC", sync.toString(), "BERTH_START", start.toString(), "BERTH_ATTACH", attach.toString()),
                    dir.resolve("conmon.err"));
            send(startPipe);
            awaitAttachPipe(attachPipe, replies, dir);
            AttachStream stream = new AttachStream(os.connectSeqPacket(dir.resolve("attach")));
            try {
                send(startPipe);
                int pid = execPid(replies.next(SYNC_TIMEOUT), dir);
                return new ConmonExec(pid, stream, replies, dir, os);
            } catch (RuntimeException e) {
                stream.close();
                throw e;
            }
        } catch (IOException e) {
            throw new RuntimeFailure("cannot talk to conmon: " + e.getMessage(), e);
        }
    }

    private static void send(FileChannel pipe) throws IOException {
        pipe.write(ByteBuffer.wrap(new byte[] {'0', '\n'}));
    }

    /** Waits for conmon's word that the attach socket listens, or for its failure on the sync pipe. */
    private static void awaitAttachPipe(FileChannel attachPipe, SyncReplies replies, Path dir) {
        var ready = CompletableFuture.supplyAsync(() -> {
            try {
                return attachPipe.read(ByteBuffer.allocate(256)) > 0;
            } catch (IOException e) {
                return false;
            }
        }, Conmon::startBlockingReader);
        var failed = replies.peek();
        try {
            CompletableFuture.anyOf(ready, failed).get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new RuntimeFailure("conmon did not open the exec's attach socket: " + silentFailure(dir));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while waiting for conmon", e);
        }
        if (!ready.isDone() || !ready.join()) {
            Optional<String> reply = failed.getNow(Optional.empty());
            throw new RuntimeFailure(reply.map(Conmon::parse).map(n -> n.path("message").asText(""))
                    .filter(m -> !m.isBlank()).orElseGet(() -> silentFailure(dir)));
        }
    }

    /** The first reply of an exec: its pid, or -1 and why the runtime could not run it. */
    private static int execPid(Optional<String> reply, Path dir) {
        JsonNode node = reply.map(Conmon::parse).orElseThrow(() -> new RuntimeFailure(silentFailure(dir)));
        int pid = node.path("data").asInt(-1);
        if (pid > 0) return pid;
        String message = RuncCli.lastLoggedError(dir.resolve("oci-log"))
                .orElse(node.path("message").asText("exec failed").strip());
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        boolean missing = lower.contains("not found") || lower.contains("no such file or directory");
        throw new ExecFailure(message, missing ? 127 : 126);
    }

    private void makeFifo(Path fifo) {
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot remove " + fifo + ": " + e.getMessage(), e);
        }
        os.mkfifo(fifo, 0600);
    }

    /** Java closes every fd above 2 in its children: the pipes reach conmon as FIFOs that a shell opens
     * ({@code redirections}) just before it execs conmon. */
    private static void spawn(List<String> argv, List<String> redirections, Map<String, String> env, Path errors) {
        var command = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" " + String.join(" ", redirections)));
        command.addAll(argv);
        // conmon drops files (an "oom" marker) in its working directory: the bundle's, which goes with it
        var builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile())
                .directory(errors.toAbsolutePath().getParent().toFile());
        builder.environment().putAll(env);
        try {
            builder.start();
        } catch (IOException e) {
            throw new RuntimeFailure("cannot start conmon: " + e.getMessage(), e);
        }
    }

    /** Opening the write end releases a reader still blocked in open(2); closing it gives it EOF. */
    static void unblock(Path fifo) {
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

    static JsonNode parse(String line) {
        try {
            return Json.oci().readTree(line);
        } catch (IOException e) {
            throw new RuntimeFailure("unreadable reply from conmon: " + line, e);
        }
    }

    static String silentFailure(Path bundle) {
        try {
            String errors = Files.readString(bundle.resolve("conmon.err")).strip();
            return errors.isEmpty() ? "conmon exited without reporting" : "conmon: " + errors;
        } catch (IOException e) {
            return "conmon exited without reporting";
        }
    }
}
