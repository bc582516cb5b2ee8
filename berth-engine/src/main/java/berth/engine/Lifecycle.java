package berth.engine;

import berth.common.BerthException;
import berth.engine.model.Status;
import berth.runtime.RuntimeFailure;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/** Start, stop, kill, pause, unpause and restart, with Docker's guards; and what happens at exit. */
final class Lifecycle {
    private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());
    private static final int DEFAULT_STOP_TIMEOUT = 10;
    private final EngineContext ctx;
    private final Removal removal;
    private final Attachments attachments;
    private final RestartManager restarts;
    private final HealthMonitor health;

    Lifecycle(EngineContext ctx, Removal removal, Attachments attachments, RestartManager restarts,
              HealthMonitor health) {
        this.ctx = ctx;
        this.removal = removal;
        this.attachments = attachments;
        this.restarts = restarts;
        this.health = health;
    }

    /** A container found running at daemon start: its health checks resume. */
    void adopted(Container c) {
        health.started(c);
    }

    void start(String ref) {
        Container c = ctx.index.get(ref);
        ctx.locked(c.id(), () -> startLocked(ctx.index.get(c.id())));
    }

    /** A start by the user or at daemon start: the restart policy begins afresh (count, back-off, manual stop). */
    private void startFresh(Container c) {
        restarts.reset(c.id());
        run(c.restartCount() == 0 && !c.manuallyStopped() ? c : ctx.save(c.resetForStart()));
    }

    /** Opened when start-up reconciliation is done: no policy restart before the networks are back (Docker's too). */
    private final java.util.concurrent.CountDownLatch reconciled = new java.util.concurrent.CountDownLatch(1);

    void reconciled() {
        reconciled.countDown();
    }

    /** The policy's restart, when its delay is over: only if nobody stopped or removed the container meanwhile. */
    void restartByPolicy(String id) {
        try {
            reconciled.await();
        } catch (InterruptedException e) {
            return;
        }
        ctx.locked(id, () -> ctx.index.find(id).filter(c -> c.status() == Status.RESTARTING).ifPresent(c -> {
            try {
                run(c);
            } catch (RuntimeException e) {
                LOG.warning("cannot restart container " + id + ": " + e.getMessage());
                ctx.index.find(id).ifPresent(now -> ctx.save(now.withStatus(Status.EXITED)));
            }
        }));
    }

    /** At daemon start: a container that was waiting for its policy's restart, or whose policy says so now. */
    void startAtBoot(String id) {
        try {
            ctx.locked(id, () -> ctx.index.find(id).filter(c -> !c.isActive() || c.status() == Status.RESTARTING)
                    .ifPresent(this::startFresh));
        } catch (RuntimeException e) {
            LOG.warning("cannot restart container " + id + " at daemon start: " + e.getMessage());
        }
    }

    private void startLocked(Container c) {
        switch (c.status()) {
            case RUNNING, RESTARTING -> throw new BerthException.NotModified("container already started");
            case PAUSED -> throw BerthException.conflict("cannot start a paused container, try unpause instead");
            case REMOVING, DEAD -> throw BerthException.conflict("container is marked for removal and cannot be started");
            case CREATED, EXITED -> startFresh(c);
        }
    }

    private void run(Container c) {
        ctx.images.mount(c.id(), ctx.remapOf(c));
        var spec = bundleWithNetwork(c);
        ctx.newRun(c.id());
        try {
            int pid = ctx.runtime.start(spec, () -> attachments.created(c.id()));
            Container started = ctx.save(c.started(pid, Instant.now()));
            ctx.events.container(started, "start");
            health.started(started);
        } catch (RuntimeFailure e) {
            ctx.volumes.detach(c);
            ctx.networking.down(c.id());
            ctx.images.unmount(c.id());
            ctx.save(c.failedToStart(exitCodeFor(e), e.getMessage()));
            // Docker removes an AutoRemove container whose start failed; `docker run --rm` waits for that.
            if (c.hostConfig().autoRemove()) Thread.ofVirtual().start(() -> removal.removeStopped(c.id(), true));
            String message = e instanceof berth.runtime.SpecFailure ? e.getMessage()
                    : "failed to create task for container: OCI runtime create failed: " + e.getMessage();
            throw e.isCommandProblem() ? BerthException.invalid(message) : BerthException.fault(message, e);
        }
    }

    /** The network comes first (its failure, e.g. a port in use, is the start's, with Docker's exit code 128). */
    private berth.runtime.BundleSpec bundleWithNetwork(Container c) {
        boolean attached = false;
        try {
            var rootfs = ctx.images.snapshot(c.id()).mergedDir();
            var net = ctx.networking.up(c);
            var mounts = ctx.volumes.attach(c, rootfs);
            attached = true;
            return UsernsBundles.remapped(ctx.bundles.bundle(c, rootfs, net, mounts), ctx.remapOf(c), c);
        } catch (RuntimeException e) {
            if (attached) ctx.volumes.detach(c);
            ctx.networking.down(c.id());
            ctx.images.unmount(c.id());
            ctx.save(c.failedToStart(128, e.getMessage()));
            if (c.hostConfig().autoRemove()) Thread.ofVirtual().start(() -> removal.removeStopped(c.id(), true));
            throw e;
        }
    }

    private static int exitCodeFor(RuntimeFailure e) {
        if (!e.isCommandProblem()) return 128;
        return e.getMessage().contains("permission denied") ? 126 : 127;
    }

    void stop(String ref, OptionalInt timeout, Optional<String> signal) {
        Container c = ctx.index.get(ref);
        if (!c.isActive()) throw new BerthException.NotModified("container already stopped");
        int sig = Signals.parse(signal.orElse(c.config().stopSignal()), Signals.TERM);
        if (stoppedByUser(c.id())) {
            ctx.events.container(c, "stop");
            return;
        }
        int seconds = timeout.orElse(c.config().stopTimeout() != null ? c.config().stopTimeout() : DEFAULT_STOP_TIMEOUT);
        thawIfPaused(c.id());
        signal(c.id(), sig);
        // a negative timeout means wait for ever, as in Docker
        if (awaitExit(c.id(), seconds < 0 ? Integer.MAX_VALUE : seconds)) {
            ctx.events.container(c, "stop");
            return;
        }
        signal(c.id(), Signals.KILL);
        if (!awaitExit(c.id(), 30)) throw BerthException.fault("container " + c.id() + " did not stop after SIGKILL", null);
        ctx.events.container(c, "stop");
    }

    void restart(String ref, OptionalInt timeout, Optional<String> signal) {
        try {
            stop(ref, timeout, signal);
        } catch (BerthException.NotModified alreadyStopped) {
            // restart of a stopped container just starts it
        }
        start(ref);
        ctx.events.container(ctx.index.get(ref), "restart");
    }

    void kill(String ref, String signal) {
        Container c = ctx.index.get(ref);
        int sig = Signals.parse(signal, Signals.KILL);
        if (!c.isActive())
            throw BerthException.conflict("Cannot kill container: " + ref + ": container " + c.id() + " is not running");
        // Docker: a kill with the stop signal (any signal when none is set) or SIGKILL ends the restart policy
        boolean ends = sig == Signals.KILL || isBlank(c.config().stopSignal())
                || Signals.parse(c.config().stopSignal(), Signals.TERM) == sig;
        if (markStopped(c.id(), ends)) return;
        if (sig == Signals.KILL) thawIfPaused(c.id());
        signal(c.id(), sig);
        // Docker returns from a SIGKILL once the container is gone, so that inspect right after shows it exited.
        if (sig == Signals.KILL) awaitExit(c.id(), 10);
    }

    void resize(String ref, int height, int width) {
        Container c = ctx.index.get(ref);
        if (height < 0 || width < 0) throw BerthException.invalid("invalid terminal size " + height + "x" + width);
        if (!c.isActive() || !ctx.runtime.resize(c.id(), height, width))
            throw BerthException.conflict("Container " + c.id() + " is not running");
        ctx.events.container(c, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
    }

    void pause(String ref) {
        Container c = ctx.index.get(ref);
        ctx.locked(c.id(), () -> {
            Container now = ctx.index.get(c.id());
            now.status().checkCanPause(ref);
            ctx.runtime.pause(c.id());
            ctx.events.container(ctx.save(now.withStatus(Status.PAUSED)), "pause");
        });
    }

    void unpause(String ref) {
        Container c = ctx.index.get(ref);
        ctx.locked(c.id(), () -> {
            Container now = ctx.index.get(c.id());
            now.status().checkCanUnpause(ref);
            ctx.runtime.resume(c.id());
            ctx.events.container(ctx.save(now.withStatus(Status.RUNNING)), "unpause");
        });
    }

    /**
     * The user stops or kills the container: its policy will not restart it (Docker's ExitOnNext and
     * HasBeenManuallyStopped). True when it was only waiting for a restart, which is now cancelled.
     */
    private boolean stoppedByUser(String id) {
        return markStopped(id, true);
    }

    /**
     * Stores the manual stop (for unless-stopped at daemon start); with {@code endsPolicy} the policy gives up,
     * and a container waiting for its restart is stopped at once. True when there is no process to signal.
     */
    private boolean markStopped(String id, boolean endsPolicy) {
        if (endsPolicy) restarts.cancel(id);
        return ctx.locked(id, () -> {
            Container now = ctx.index.get(id);
            if (now.isActive() && !now.manuallyStopped()) now = ctx.save(now.withManuallyStopped(true));
            if (now.status() != Status.RESTARTING) return false;
            if (endsPolicy) {
                ctx.save(now.withStatus(Status.EXITED));
                ctx.waiters.exited(id, now.exitCode());
            }
            return true;
        });
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    /** Called by the runtime's exit watcher (and by reconciliation) when a container's process ended. */
    void exited(String id, int code) {
        Optional<Exit> ended = ctx.locked(id, () -> recordExit(id, code));
        ended.ifPresent(e -> {
            Container c = e.container();
            health.stopped(id);
            if (c.oomKilled()) ctx.events.container(c, "oom");
            ctx.events.container(c, "die", Map.of("exitCode", Integer.toString(code), "execDuration", ranFor(c)));
            ctx.runEnded(id, code);
            ctx.waiters.exited(id, code);
            e.restartIn().ifPresentOrElse(delay -> restarts.schedule(id, delay, () -> restartByPolicy(id)), () -> {
                if (c.hostConfig().autoRemove()) removal.removeStopped(id, true);
            });
        });
    }

    /** An exit as recorded: the container now, and the wait before its policy restarts it (if it does). */
    private record Exit(Container container, Optional<java.time.Duration> restartIn) {}

    private Optional<Exit> recordExit(String id, int code) {
        Optional<Container> c = ctx.index.find(id).filter(x -> x.id().equals(id) && x.status() != Status.RESTARTING
                && x.isActive());
        if (c.isEmpty()) return Optional.empty();
        boolean oomKilled = ctx.oom.killed(id); // the runtime's delete takes the cgroup along
        ctx.runtime.delete(id);
        ctx.networking.down(id);
        ctx.volumes.detach(c.get());
        ctx.images.unmount(id);
        LOG.fine(() -> "container " + id + " exited with " + code);
        Instant at = restarts.now();
        var restartIn = restarts.onExit(c.get(), code, at);
        Container ended = c.get().exited(code, at, oomKilled);
        return Optional.of(new Exit(ctx.save(restartIn.isPresent() ? ended.restarting(code, at) : ended), restartIn));
    }

    /** Docker's execDuration: whole seconds the run lasted. */
    private static String ranFor(Container c) {
        return Long.toString(java.time.Duration.between(c.startedAt(), c.finishedAt()).toSeconds());
    }

    private void thawIfPaused(String id) {
        ctx.locked(id, () -> {
            Container now = ctx.index.get(id);
            if (now.status() == Status.PAUSED) {
                ctx.runtime.resume(id);
                ctx.save(now.withStatus(Status.RUNNING));
            }
        });
    }

    private void signal(String id, int sig) {
        try {
            ctx.runtime.kill(id, sig);
            ctx.events.container(id, "kill", Map.of("signal", Integer.toString(sig)));
        } catch (RuntimeFailure e) {
            throw BerthException.fault("cannot signal container " + id + ": " + e.getMessage(), e);
        }
    }

    private boolean awaitExit(String id, int seconds) {
        try {
            ctx.exitOf(id).get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
