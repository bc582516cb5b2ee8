package berth.runtime;

import berth.sys.Os;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** {@link ContainerRuntime} with conmon as the monitor and runc or crun as the runtime. */
final class ConmonRuntime implements ContainerRuntime {
    private static final Duration MONITOR_EXIT_WAIT = Duration.ofSeconds(5);
    private static final int SIGKILL = 9;

    private final ExecRoot dirs;
    private final RuncCli runtime;
    private final Conmon conmon;
    private final ExitWatcher exits;
    private final Os os;

    private ConmonRuntime(ExecRoot dirs, RuncCli runtime, Conmon conmon, ExitWatcher exits, Os os) {
        this.dirs = dirs;
        this.runtime = runtime;
        this.conmon = conmon;
        this.exits = exits;
        this.os = os;
    }

    static ConmonRuntime open(RuntimeConfig config) {
        ExecRoot dirs = new ExecRoot(config.execRoot()).create();
        RuntimeBinary binary = RuntimeBinary.choose(config.preferredRuntime(), dirs.root());
        var runtime = new RuncCli(binary, dirs.runtimeState(binary.name()));
        Path conmonPath = RuntimeBinary.find("conmon").orElseThrow(() -> new RuntimeFailure("conmon not found"));
        var conmon = new Conmon(conmonPath, dirs, runtime, config.os());
        var exits = new ExitWatcher(dirs.exits(), id -> Files.isDirectory(dirs.bundle(id)));
        StaleLaunchers.kill(Path.of("/proc"), runtime.root(), config.os());
        return new ConmonRuntime(dirs, runtime, conmon, exits, config.os());
    }

    @Override
    public String name() {
        return runtime.binary().name();
    }

    @Override
    public int start(BundleSpec spec, Runnable created) {
        ExecRoot.validate(spec.id());
        refuseExisting(spec.id());
        var users = new UserResolver(spec.rootfs());
        ResolvedUser user = users.withGroups(users.resolve(spec.process().user()), spec.process().groupAdd());
        writeBundle(spec, user);
        try {
            int pid = conmon.create(spec.id(), spec.logPath(), spec.process());
            created.run();
            runtime.start(spec.id());
            exits.check(spec.id());
            return pid;
        } catch (RuntimeException e) {
            discardAfterFailure(spec.id(), e);
            throw e;
        }
    }

    /** A leftover bundle may belong to a live container: cleaning up after a failed start would kill it. */
    private void refuseExisting(String id) {
        if (Files.exists(dirs.bundle(id).resolve("config.json")) && runtime.state(id).isPresent())
            throw new RuntimeFailure("container " + id + " already exists; delete it first");
    }

    private void discardAfterFailure(String id, RuntimeException cause) {
        try {
            discard(id);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void writeBundle(BundleSpec spec, ResolvedUser user) {
        Path bundle = dirs.bundle(spec.id());
        try {
            Files.createDirectories(bundle);
            Files.createDirectories(spec.logPath().toAbsolutePath().getParent());
            Files.deleteIfExists(dirs.exitFile(spec.id()));
        } catch (IOException e) {
            throw new RuntimeFailure("cannot prepare bundle " + bundle + ": " + e.getMessage(), e);
        }
        exits.forget(spec.id());
        OciSpecWriter.write(bundle.resolve("config.json"), OciSpecWriter.spec(spec, user));
    }

    @Override
    public void kill(String id, int signal) {
        Command.Result result = runtime.kill(id, signal);
        if (result.ok() || !isLive(id)) return;
        throw new RuntimeFailure(RuncCli.message(result));
    }

    @Override
    public void pause(String id) {
        runtime.pause(id);
    }

    @Override
    public void resume(String id) {
        runtime.resume(id);
    }

    @Override
    public void update(String id, ResourceLimits limits) {
        ExecRoot.validate(id);
        Path file = dirs.bundle(id).resolve("resources-update.json");
        OciSpecWriter.write(file, OciResources.update(limits));
        try {
            runtime.update(id, file);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the bundle goes with the container
            }
        }
    }

    /** Kills a live process first and waits for conmon to record the exit, so that the exit is reported
     * and no exit file appears after the cleanup. */
    @Override
    public void delete(String id) {
        ExecRoot.validate(id);
        Optional<String> status = exits.exitCode(id).isPresent() ? Optional.empty() : state(id).map(RuntimeState::status);
        if (status.filter("paused"::equals).isPresent()) runtime.resume(id);
        if (status.filter(s -> !s.equals("stopped")).isPresent()) {
            runtime.kill(id, SIGKILL);
            awaitExitRecord(id);
        }
        exits.check(id);
        discard(id);
    }

    @Override
    public Optional<RuntimeState> state(String id) {
        return runtime.state(id).map(s -> new RuntimeState(s.path("id").asText(id),
                s.path("status").asText("unknown"), s.path("pid").asInt(0)));
    }

    @Override
    public OptionalInt exitCode(String id) {
        return exits.exitCode(id);
    }

    @Override
    public void onExit(ExitListener listener) {
        exits.onExit(listener);
    }

    @Override
    public AttachStream attach(String id) {
        ExecRoot.validate(id);
        try {
            return new AttachStream(os.connectSeqPacket(dirs.bundle(id).resolve("attach")));
        } catch (berth.sys.OsException e) {
            throw new RuntimeFailure("container " + id + " is not running: " + e.getMessage(), e);
        }
    }

    /** conmon's control FIFO takes "1 height width" for a resize. */
    @Override
    public boolean resize(String id, int height, int width) {
        ExecRoot.validate(id);
        return os.writeFifo(dirs.bundle(id).resolve("ctl"),
                ("1 " + height + " " + width + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public ExecProcess exec(String id, ProcessSpec process) {
        var users = new UserResolver(runningRootfs(id));
        ResolvedUser user = users.withGroups(users.resolve(process.user()), process.groupAdd());
        String execId = UUID.randomUUID().toString().replace("-", "");
        Path dir = dirs.bundle(id).resolve("exec-" + execId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot prepare exec dir " + dir + ": " + e.getMessage(), e);
        }
        Path config = dirs.bundle(id).resolve("config.json");
        var confinement = ExecConfinement.of(config, process);
        OciSpecWriter.write(dir.resolve("process.json"), ProcessLimits.inherit(OciSpecWriter.process(process, user,
                OciSpecWriter.withDefaults(process.env()), confinement.capabilities(), confinement.noNewPrivileges()),
                config));
        try {
            return conmon.exec(id, execId, dir, process);
        } catch (RuntimeException e) {
            ConmonExec.deleteTree(dir);
            throw e;
        }
    }

    /** The rootfs of a running container, whose /etc/passwd names exec users. */
    private Path runningRootfs(String id) {
        JsonNode state = runtime.state(id).orElseThrow(() -> new RuntimeFailure("container " + id + " does not exist"));
        if (!state.path("status").asText().equals("running"))
            throw new RuntimeFailure("container " + id + " is not running");
        return Path.of(state.path("rootfs").asText("/"));
    }

    @Override
    public void close() {
        exits.close();
    }

    private boolean isLive(String id) {
        return state(id).map(RuntimeState::status).filter(s -> !s.equals("stopped")).isPresent();
    }

    /** Polls: the exit file comes within milliseconds of SIGKILL when conmon is alive. */
    private void awaitExitRecord(String id) {
        long deadline = System.nanoTime() + MONITOR_EXIT_WAIT.toNanos();
        while (exits.exitCode(id).isEmpty() && conmon.process(id).isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Removes every trace of the container: runtime state (and its cgroup), bundle, exit file, socket link. */
    private void discard(String id) {
        runtime.delete(id);
        exits.forget(id);
        try {
            berth.common.FileTrees.delete(dirs.bundle(id));
            Files.deleteIfExists(dirs.exitFile(id));
            Files.deleteIfExists(dirs.socketLink(id));
        } catch (IOException e) {
            throw new RuntimeFailure("cannot remove the bundle of " + id + ": " + e.getMessage(), e);
        }
    }
}
