package berth.engine;

import berth.common.BerthException;
import berth.common.Ids;
import berth.engine.model.ExecConfig;
import berth.engine.view.ExecInspect;
import berth.common.DetachKeys;
import berth.runtime.ExecFailure;
import berth.runtime.ExecProcess;
import berth.runtime.LogEntry;
import berth.runtime.ProcessSpec;
import berth.runtime.RuntimeFailure;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Exec sessions: kept in memory, as in Docker, created then started once. */
final class ExecSessions {
    private final EngineContext ctx;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    ExecSessions(EngineContext ctx) {
        this.ctx = ctx;
    }

    /** A session; {@code exitCode} and {@code pid} change once, when it runs and when it ends. */
    private static final class Session {
        final String id;
        final String containerId;
        final ExecConfig config;
        volatile boolean started;
        volatile boolean running;
        volatile Integer exitCode;
        volatile int pid;
        volatile ExecProcess process;
        /** A size asked for before the process started (clients resize right after the hijack). */
        volatile int[] pendingSize;
        /** Completed once the exit code is recorded; the output's end comes a moment before it. */
        final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
        volatile boolean outputEnded;

        Session(String id, String containerId, ExecConfig config) {
            this.id = id;
            this.containerId = containerId;
            this.config = config;
        }
    }

    String create(String ref, ExecConfig config) {
        Container c = ctx.index.get(ref);
        c.status().checkCanExec(c.id());
        if (config.cmd() == null || config.cmd().isEmpty()) throw BerthException.invalid("No exec command specified");
        String id = Ids.newId();
        sessions.put(id, new Session(id, c.id(), config));
        ctx.events.container(c, "exec_create: " + commandLine(config), Map.of("execID", id));
        return id;
    }

    void start(String execId, boolean detach, InputStream stdin, Predicate<LogEntry> sink) {
        Session s = session(execId);
        synchronized (s) {
            if (s.started) throw BerthException.conflict("Error: Exec command " + execId + " has already run");
            s.started = true;
        }
        Container c = ctx.index.get(s.containerId);
        c.status().checkCanExec(c.id());
        ExecProcess p;
        try {
            p = launch(s, c);
        } catch (ExecFailure e) {
            s.exitCode = e.exitCode();
            // Docker writes the runtime's refusal into the stream; the client then reads the exit code
            String message = "OCI runtime exec failed: " + e.getMessage() + ": unknown\r\n";
            if (!detach) sink.test(new LogEntry(LogEntry.Stream.STDOUT, Instant.now(), message.getBytes(StandardCharsets.UTF_8)));
            return;
        }
        ctx.events.container(c, "exec_start: " + commandLine(s.config), Map.of("execID", s.id));
        if (detach) {
            Thread.ofVirtual().start(() -> finish(s, p, StreamPump.Input.none(), e -> true));
            return;
        }
        ExecConfig cfg = s.config;
        var input = cfg.attachStdin() ? new StreamPump.Input(stdin,
                cfg.tty() ? Optional.of(DetachKeys.parse(cfg.detachKeys())) : Optional.empty(), true)
                : StreamPump.Input.none();
        finish(s, p, input, sink);
    }

    private ExecProcess launch(Session s, Container c) {
        ExecConfig cfg = s.config;
        var spec = new ProcessSpec(cfg.cmd(), ContainerFactory.mergeEnv(c.config().env(), cfg.env()),
                blank(cfg.workingDir()) ? cwd(c) : cfg.workingDir(),
                blank(cfg.user()) ? c.config().user() : cfg.user(), cfg.tty(), cfg.attachStdin(), cfg.privileged(), true,
                c.hostConfig().groupAdd());
        try {
            ExecProcess p = ctx.runtime.exec(c.id(), spec);
            s.pid = p.pid();
            s.process = p;
            s.running = true;
            int[] size = s.pendingSize;
            if (size != null) p.resize(size[0], size[1]);
            return p;
        } catch (ExecFailure e) {
            throw e;
        } catch (RuntimeFailure e) {
            s.exitCode = 126;
            throw BerthException.fault(e.getMessage(), e);
        }
    }

    /** Streams until the process closes its output; then its exit code is at hand. A client that detached
     * or went leaves the process running, and its exit is recorded in the background. */
    private void finish(Session s, ExecProcess p, StreamPump.Input input, Predicate<LogEntry> sink) {
        var outcome = StreamPump.Outcome.CLIENT_GONE; // if the pump fails, the exit is still recorded
        try {
            outcome = StreamPump.run(p.stream(), input, sink);
        } finally {
            s.outputEnded = outcome == StreamPump.Outcome.ENDED;
            if (outcome == StreamPump.Outcome.ENDED) awaitExit(s, p);
            else Thread.ofVirtual().start(() -> awaitExit(s, p));
        }
    }

    private void awaitExit(Session s, ExecProcess p) {
        try {
            s.exitCode = p.waitFor();
        } catch (InterruptedException e) {
            p.kill();
            Thread.currentThread().interrupt();
        } finally {
            s.running = false;
            s.process = null;
            s.ended.complete(null);
            ctx.events.container(s.containerId, "exec_die", Map.of("execID", s.id, "exitCode", String.valueOf(s.exitCode)));
        }
    }

    /** A finished probe: its exit code (-1 when it could not run or timed out) and its output. */
    record ProbeRun(int exitCode, String output, boolean timedOut) {}

    /**
     * Runs a health probe as Docker does: an exec like any other (with its events), stdout and stderr kept
     * up to {@code maxOutput} bytes ("..." marks a cut), killed when {@code timeout} passes.
     */
    ProbeRun probe(String containerId, java.util.List<String> cmd, java.time.Duration timeout, int maxOutput)
            throws InterruptedException {
        String id = create(containerId, new ExecConfig(false, true, true, false, null, cmd, null, null, false, null));
        Session s = sessions.get(id);
        var out = new java.io.ByteArrayOutputStream();
        var failure = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                start(id, false, InputStream.nullInputStream(), e -> {
                    synchronized (out) {
                        out.write(e.data(), 0, Math.min(e.data().length, maxOutput + 1 - Math.min(out.size(), maxOutput + 1)));
                    }
                    return true;
                });
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        try {
            if (!t.join(timeout)) {
                ExecProcess p = s.process;
                if (p != null) p.kill();
                t.join(java.time.Duration.ofSeconds(10));
                return new ProbeRun(-1, "", true);
            }
            if (failure.get() != null) return new ProbeRun(-1, failure.get().getMessage(), false);
            synchronized (out) {
                byte[] bytes = out.toByteArray();
                String text = new String(bytes, 0, Math.min(bytes.length, maxOutput), StandardCharsets.UTF_8);
                return new ProbeRun(s.exitCode == null ? -1 : s.exitCode, bytes.length > maxOutput ? text + "..." : text,
                        false);
            }
        } finally {
            sessions.remove(id);
        }
    }

    void resize(String execId, int height, int width) {
        Session s = session(execId);
        ExecProcess p = s.process;
        if (p != null) {
            p.resize(height, width);
            return;
        }
        if (s.exitCode != null) throw BerthException.conflict("Exec process " + execId + " is not running");
        s.pendingSize = new int[] {height, width};
    }

    ExecInspect inspect(String execId) {
        Session s = session(execId);
        // a client reads the exit code as soon as the output ends: let the monitor's report catch up
        if (s.outputEnded && s.running) {
            try {
                s.ended.get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // still running after all: report what is known
            }
        }
        ExecConfig cfg = s.config;
        List<String> cmd = cfg.cmd();
        return new ExecInspect(s.id, s.running, s.exitCode,
                new ExecInspect.ProcessConfig(cfg.privileged(), blank(cfg.user()) ? "" : cfg.user(), cfg.tty(),
                        cmd.getFirst(), new ArrayList<>(cmd.subList(1, cmd.size()))),
                cfg.attachStdin(), cfg.attachStderr(), cfg.attachStdout(), !s.running, s.containerId,
                cfg.detachKeys() == null ? "" : cfg.detachKeys(), s.pid);
    }

    List<String> idsOf(String containerId) {
        return sessions.values().stream().filter(s -> s.containerId.equals(containerId) && s.running)
                .map(s -> s.id).toList();
    }

    void forgetContainer(String containerId) {
        sessions.values().removeIf(s -> s.containerId.equals(containerId));
    }

    private Session session(String execId) {
        Session s = sessions.get(execId);
        if (s == null) throw BerthException.notFound("No such exec instance: " + execId);
        return s;
    }

    /** Docker's "path args..." of exec events (a lone command keeps the trailing space, as Docker's does). */
    private static String commandLine(ExecConfig cfg) {
        return cfg.cmd().getFirst() + " " + String.join(" ", cfg.cmd().subList(1, cfg.cmd().size()));
    }

    private static String cwd(Container c) {
        return blank(c.config().workingDir()) ? "/" : c.config().workingDir();
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
