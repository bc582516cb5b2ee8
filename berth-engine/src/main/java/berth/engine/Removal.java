package berth.engine;

import berth.common.BerthException;
import berth.engine.Engine.PruneReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Removing containers. The stored record goes first (the commit point); the runtime state, the writable
 * layer and the log directory follow, and whatever a crash leaves of them is swept at the next start.
 */
final class Removal {
    private static final Logger LOG = Logger.getLogger(Removal.class.getName());
    private final EngineContext ctx;
    private final Attachments attachments;

    Removal(EngineContext ctx, Attachments attachments) {
        this.ctx = ctx;
        this.attachments = attachments;
    }

    void remove(String ref, boolean force, boolean removeVolumes) {
        Container c = ctx.index.get(ref);
        if (c.isActive() && !force)
            throw BerthException.conflict("cannot remove container \"/" + c.name()
                    + "\": container is " + c.status().wire() + ": stop the container before removing or force remove");
        // a container waiting for its policy's restart has no process: its pending restart finds it gone
        if (c.isActive() && c.status() != berth.engine.model.Status.RESTARTING) killNow(c);
        removeStopped(c.id(), removeVolumes);
    }

    /** Docker's {@code rm -f}: SIGKILL at once, then wait for the monitor to record the exit. */
    private void killNow(Container c) {
        String id = c.id();
        if (c.status() == berth.engine.model.Status.PAUSED) ctx.runtime.resume(id);
        ctx.runtime.kill(id, Signals.KILL);
        ctx.events.container(c, "kill", java.util.Map.of("signal", Integer.toString(Signals.KILL)));
        try {
            ctx.exitOf(id).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning("container " + id + " did not report its exit after SIGKILL; deleting it anyway");
        }
    }

    /** {@code removeVolumes}: Docker's {@code rm -v} (and AutoRemove): the container's anonymous volumes go too. */
    void removeStopped(String id, boolean removeVolumes) {
        Container gone = ctx.locked(id, () -> {
            Container c = ctx.index.get(id);
            ctx.store.delete(id);
            ctx.index.remove(id);
            return c;
        });
        release(id);
        if (removeVolumes) ctx.volumes.removeAnonymous(gone);
        ctx.events.container(gone, "destroy");
        ctx.forget(id);
        attachments.removed(id);
        ctx.waiters.removed(id, gone.exitCode());
    }

    /** Frees what a container held outside the store. Safe to call for a container that holds nothing. */
    void release(String id) {
        ctx.runtime.delete(id);
        ctx.networking.forget(id);
        ctx.images.removeSnapshot(id);
        deleteTree(ctx.paths.dir(id));
    }

    PruneReport prune(Map<String, List<String>> filters) {
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Container c : ctx.index.all()) {
            if (c.isActive() || !Filters.matchesPrune(c, filters)) continue;
            long size = ctx.images.snapshotSize(c.id());
            removeStopped(c.id(), false);
            deleted.add(c.id());
            reclaimed += size;
        }
        return new PruneReport(deleted, reclaimed);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + dir, e);
        }
    }
}
