package berth.engine;

import berth.common.BerthException;
import berth.engine.model.Status;
import berth.image.CommitSpec;
import berth.image.FileChange;
import berth.image.PathStat;
import berth.image.RootFs;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@link ContainerFiles} on this host. The archive endpoints need the container's merged view: a stopped
 * container's overlay is mounted for the call and unmounted after the last call that needed it, unless
 * the container runs by then (counted under the container's lock, which start and exit take too). Diff and
 * commit read the writable layer itself and need no mount.
 */
final class LocalContainerFiles implements ContainerFiles {
    private static final Logger LOG = Logger.getLogger(LocalContainerFiles.class.getName());
    private final EngineContext ctx;
    private final Lifecycle lifecycle;
    /** Calls using each container's mounted filesystem. */
    private final Map<String, Integer> users = new ConcurrentHashMap<>();

    LocalContainerFiles(EngineContext ctx, Lifecycle lifecycle) {
        this.ctx = ctx;
        this.lifecycle = lifecycle;
    }

    @Override
    public List<FileChange> changes(String ref) {
        return ctx.images.changes(ctx.index.get(ref).id());
    }

    @Override
    public PathStat stat(String ref, String path) {
        return withRootFs(ref, path, fs -> fs.stat(path));
    }

    @Override
    public void archive(String ref, String path, Function<PathStat, OutputStream> open) {
        withRootFs(ref, path, fs -> {
            fs.archive(path, open);
            return null;
        });
    }

    @Override
    public void extract(String ref, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid) {
        if (ctx.index.get(ref).hostConfig().readonlyRootfs())
            throw BerthException.forbidden("container rootfs is marked read-only");
        withRootFs(ref, path, fs -> {
            fs.extract(path, tar, noOverwriteDirNonDir, copyUidGid);
            return null;
        });
    }

    @Override
    public void export(String ref, Supplier<OutputStream> open) {
        withRootFs(ref, "/", fs -> {
            fs.export(open.get());
            return null;
        });
    }

    @Override
    public String commit(CommitRequest request) {
        Container c = ctx.index.get(request.container());
        CommitSpec spec = new CommitSpec(CommitConfig.of(c, request.config(), imageShell(c)), request.changes(),
                request.reference(), request.comment(), request.author(), String.join(" ", c.config().cmd()))
                .withIdMapping(ctx.remapOf(c).map(berth.image.Remap::mapping));
        boolean paused = request.pause() && c.status() == Status.RUNNING && pause(c.id());
        try {
            var image = ctx.images.commit(c.id(), spec);
            // Docker reports the commit on the container, then the new name on the image
            ctx.events.container(c, "commit", java.util.Map.of("imageID", image.id(), "comment", request.comment()));
            image.repoTags().forEach(t -> ctx.events.image(image.id(), t, "tag"));
            return image.id();
        } finally {
            if (paused) unpause(c.id());
        }
    }

    private List<String> imageShell(Container c) {
        try {
            return ctx.images.get(c.imageId()).config().shell();
        } catch (BerthException.NotFound gone) {
            return List.of();
        }
    }

    /** Docker pauses a running container while it reads the layer, so that the image is one moment of it.
     * The pause is marked as the commit's, so that a daemon killed before the thaw thaws it at its next start. */
    private boolean pause(String id) {
        var pauses = new CommitPauses(ctx.paths);
        pauses.marking(id);
        try {
            lifecycle.pause(id);
            return true;
        } catch (BerthException.Conflict stoppedMeanwhile) {
            pauses.clear(id);
            return false;
        }
    }

    private void unpause(String id) {
        try {
            lifecycle.unpause(id);
        } catch (BerthException e) {
            LOG.fine(() -> "container " + id + " not unpaused after commit: " + e.getMessage()); // stopped meanwhile
        } finally {
            new CommitPauses(ctx.paths).clear(id);
        }
    }

    /** Runs {@code work} on the container's mounted filesystem; "Could not find the file" for a missing path. */
    private <T> T withRootFs(String ref, String path, Function<RootFs, T> work) {
        String id = ctx.index.get(ref).id();
        ctx.locked(id, () -> {
            users.merge(id, 1, Integer::sum);
            ctx.images.mount(id);
        });
        var ids = ctx.index.find(id).flatMap(ctx::remapOf).map(berth.image.Remap::mapping);
        try (RootFs fs = ctx.images.rootFs(id, ids)) {
            return work.apply(fs);
        } catch (BerthException.NotFound e) {
            throw BerthException.notFound("Could not find the file " + path + " in container " + ref);
        } finally {
            ctx.locked(id, () -> {
                boolean last = users.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1) == null;
                boolean running = ctx.index.find(id).filter(c -> c.id().equals(id)).map(Container::isActive).orElse(false);
                if (last && !running) ctx.images.unmount(id);
            });
        }
    }
}
