package berth.engine;

import berth.common.BerthException;
import berth.common.Ids;
import berth.engine.model.ExecConfig;
import berth.engine.view.ExecInspect;
import berth.runtime.ExecProcess;
import berth.runtime.LogEntry;
import berth.runtime.ProcessSpec;
import berth.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
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
        ExecProcess p = launch(s, c);
        ctx.events.container(c, "exec_start: " + commandLine(s.config), Map.of("execID", s.id));
        if (detach) Thread.ofVirtual().start(() -> finish(s, p, InputStream.nullInputStream(), e -> true));
        else finish(s, p, stdin, sink);
    }

    private ExecProcess launch(Session s, Container c) {
        ExecConfig cfg = s.config;
        var spec = new ProcessSpec(cfg.cmd(), ContainerFactory.mergeEnv(c.config().env(), cfg.env()),
                blank(cfg.workingDir()) ? cwd(c) : cfg.workingDir(),
                blank(cfg.user()) ? c.config().user() : cfg.user(), cfg.tty(), cfg.attachStdin(), cfg.privileged());
        try {
            ExecProcess p = ctx.runtime.exec(c.id(), spec);
            s.pid = p.pid();
            s.running = true;
            return p;
        } catch (RuntimeFailure e) {
            s.exitCode = 126;
            throw BerthException.fault(e.getMessage(), e);
        }
    }

    private void finish(Session s, ExecProcess p, InputStream stdin, Predicate<LogEntry> sink) {
        Thread in = Thread.ofVirtual().start(() -> copyStdin(stdin, p.stdin()));
        Thread err = Thread.ofVirtual().start(() -> pump(p.stderr(), LogEntry.Stream.STDERR, sink));
        pump(p.stdout(), LogEntry.Stream.STDOUT, sink);
        try {
            err.join();
            s.exitCode = p.waitFor();
        } catch (InterruptedException e) {
            p.kill();
            Thread.currentThread().interrupt();
        } finally {
            s.running = false;
            in.interrupt();
            ctx.events.container(s.containerId, "exec_die", Map.of("execID", s.id, "exitCode", String.valueOf(s.exitCode)));
        }
    }

    private static void pump(InputStream in, LogEntry.Stream stream, Predicate<LogEntry> sink) {
        byte[] buf = new byte[32 * 1024];
        boolean open = true;
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                if (open) open = sink.test(new LogEntry(stream, Instant.now(), java.util.Arrays.copyOf(buf, n)));
            }
        } catch (IOException e) {
            // the process closed its end or was killed: the exit code tells the rest
        }
    }

    private static void copyStdin(InputStream from, OutputStream to) {
        try (to) {
            from.transferTo(to);
        } catch (IOException e) {
            // the process ended before reading all of its input
        }
    }

    ExecInspect inspect(String execId) {
        Session s = session(execId);
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
