package berth.engine;

import berth.engine.model.Status;
import berth.runtime.RuntimeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Brings the store in line with the world when berthd starts, after a clean stop or a kill -9: containers
 * that kept running are adopted, those that ended meanwhile get the exit code their monitor recorded, and
 * leftovers of half-done creates and removes are swept.
 */
final class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    /** Docker's exit code when the real one is lost. */
    private static final int UNKNOWN_EXIT = 255;
    private final EngineContext ctx;
    private final Lifecycle lifecycle;
    private final Removal removal;

    Reconciler(EngineContext ctx, Lifecycle lifecycle, Removal removal) {
        this.ctx = ctx;
        this.lifecycle = lifecycle;
        this.removal = removal;
    }

    void run() {
        ctx.store.loadAll().forEach(ctx.index::put);
        for (Container c : ctx.index.all()) {
            if (c.isActive()) adopt(c);
            else settle(c);
        }
        sweepOrphans();
        ctx.volumes.reconcile();
        Set<String> all = ctx.index.all().stream().map(Container::id).collect(Collectors.toSet());
        Set<String> running = ctx.index.all().stream().filter(Container::hasProcess).map(Container::id)
                .collect(Collectors.toSet());
        ctx.networking.reconcile(running, all);
        lifecycle.reconciled();
        restartByPolicy();
    }

    /**
     * Docker's start-up: containers that were waiting for a policy restart, and stopped ones whose policy says
     * so (always; unless-stopped not stopped by the user; on-failure after a failure, within its count), if
     * they ever ran. In parallel, as Docker does, after the networks are back.
     */
    private void restartByPolicy() {
        for (Container c : ctx.index.all()) {
            boolean waiting = c.status() == Status.RESTARTING;
            boolean wanted = c.status() == Status.EXITED && !c.startedAt().equals(java.time.Instant.EPOCH)
                    && RestartPolicies.shouldRestart(c.hostConfig().restartPolicy(), c.exitCode(), c.restartCount(),
                    c.manuallyStopped());
            if (waiting || wanted) Thread.ofVirtual().start(() -> lifecycle.startAtBoot(c.id()));
        }
    }

    private void adopt(Container c) {
        if (c.status() == Status.RESTARTING) return; // no process: restartByPolicy starts it
        var state = ctx.runtime.state(c.id()).map(RuntimeState::status).orElse("stopped");
        boolean commitPaused = new CommitPauses(ctx.paths).clear(c.id());
        switch (state) {
            case "running" -> lifecycle.adopted(ctx.save(c.withStatus(Status.RUNNING)));
            case "paused" -> lifecycle.adopted(commitPaused ? thaw(c) : ctx.save(c.withStatus(Status.PAUSED)));
            default -> {
                OptionalInt code = ctx.runtime.exitCode(c.id());
                LOG.info("container " + c.id() + " ended while berthd was away");
                lifecycle.exited(c.id(), code.orElse(UNKNOWN_EXIT));
            }
        }
    }

    /** A commit that paused the container was cut short by the crash: its pause ends, as the commit would have ended it. */
    private Container thaw(Container c) {
        LOG.info("container " + c.id() + " was paused by a commit the crash interrupted; unpausing it");
        ctx.runtime.resume(c.id());
        return ctx.save(c.withStatus(Status.RUNNING));
    }

    /** A stopped container holds no runtime state and no mount; a crash mid-start may have left both. */
    private void settle(Container c) {
        new CommitPauses(ctx.paths).clear(c.id()); // a stale mark must not thaw a later pause of the user's
        if (ctx.runtime.state(c.id()).isPresent()) ctx.runtime.delete(c.id());
        ctx.images.unmount(c.id());
        if (c.status() == Status.REMOVING || c.status() == Status.DEAD) removal.removeStopped(c.id(), false);
    }

    private void sweepOrphans() {
        Set<String> known = ctx.index.all().stream().map(Container::id).collect(Collectors.toSet());
        try (Stream<Path> dirs = Files.list(ctx.paths.root())) {
            dirs.map(p -> p.getFileName().toString())
                    .filter(name -> name.length() == 64 && !known.contains(name))
                    .forEach(id -> {
                        LOG.info("removing leftovers of container " + id);
                        removal.release(id);
                    });
        } catch (IOException e) {
            LOG.warning("cannot list " + ctx.paths.root() + ": " + e.getMessage());
        }
    }
}
