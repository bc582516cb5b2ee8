package berth.engine;

import berth.common.HumanDuration;
import berth.engine.view.ContainerInspect;
import berth.engine.view.ContainerSummary;
import berth.engine.view.MountPoint;
import berth.image.Snapshot;
import berth.engine.model.ContainerMount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Containers as the API shows them: inspect documents, list rows and Docker's status sentences. */
final class Views {
    private final EngineContext ctx;
    private final NetworkSettingsView network;

    Views(EngineContext ctx) {
        this.ctx = ctx;
        this.network = new NetworkSettingsView(ctx.networking.service());
    }

    ContainerInspect inspect(Container c, boolean size, List<String> execIds) {
        String id = c.id();
        Long sizeRw = size ? ctx.images.snapshotSize(id) : null;
        return new ContainerInspect(id, c.created().toString(), c.path(), c.args(), c.state(), c.imageId(),
                ctx.paths.resolvConf(id).toString(), ctx.paths.hostname(id).toString(),
                ctx.paths.hosts(id).toString(), ctx.paths.log(id).toString(), "/" + c.name(), c.restartCount(),
                "overlay2", "linux", "", "", "", execIds, c.hostConfig(), graphDriver(id), sizeRw,
                size ? sizeRw + imageSize(c) : null, mounts(c), c.config(), network.inspect(c));
    }

    ContainerSummary summary(Container c, boolean size) {
        Long sizeRw = size ? ctx.images.snapshotSize(c.id()) : null;
        return new ContainerSummary(c.id(), List.of("/" + c.name()), c.config().image(), c.imageId(),
                command(c), c.created().getEpochSecond(), c.status().wire(), statusText(c, Instant.now()),
                network.ports(c), c.config().labels() == null ? Map.of() : c.config().labels(), sizeRw,
                size ? sizeRw + imageSize(c) : null, Map.of("NetworkMode", c.hostConfig().networkMode()),
                network.summary(c), mounts(c));
    }

    static String command(Container c) {
        List<String> argv = new ArrayList<>();
        argv.add(c.path());
        argv.addAll(c.args());
        return String.join(" ", argv);
    }

    /** "Up 3 seconds", "Up 2 minutes (Paused)", "Exited (0) 5 seconds ago", "Created". */
    static String statusText(Container c, Instant now) {
        return switch (c.status()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + HumanDuration.of(Duration.between(c.startedAt(), now))
                    + (c.health().isPresent() ? " (" + c.health().summary() + ")" : "");
            case PAUSED -> "Up " + HumanDuration.of(Duration.between(c.startedAt(), now)) + " (Paused)";
            case RESTARTING -> "Restarting (" + c.exitCode() + ") " + ago(c.finishedAt(), now);
            case REMOVING -> "Removal In Progress";
            case EXITED -> "Exited (" + c.exitCode() + ") " + ago(c.finishedAt(), now);
            case DEAD -> "Dead";
        };
    }

    private static String ago(Instant then, Instant now) {
        return HumanDuration.of(Duration.between(then, now)) + " ago";
    }

    private ContainerInspect.GraphDriver graphDriver(String id) {
        try {
            Snapshot s = ctx.images.snapshot(id);
            return new ContainerInspect.GraphDriver("overlay2", Map.of(
                    "LowerDir", String.join(":", s.lowerDirs().stream().map(Object::toString).toList()),
                    "UpperDir", s.upperDir().toString(), "WorkDir", s.workDir().toString(),
                    "MergedDir", s.mergedDir().toString()));
        } catch (RuntimeException e) {
            return new ContainerInspect.GraphDriver("overlay2", Map.of());
        }
    }

    private long imageSize(Container c) {
        try {
            return ctx.images.get(c.imageId()).size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Docker's MountPoints: binds, volumes and {@code --mount type=tmpfs} (not {@code --tmpfs}). */
    private static List<MountPoint> mounts(Container c) {
        return c.mounts().stream().filter(ContainerMount::listed).map(m -> new MountPoint(
                m.kind().name().toLowerCase(java.util.Locale.ROOT), m.name(), m.source(), m.destination(),
                m.isVolume() ? "local" : "", m.mode(), m.rw(), m.propagation())).toList();
    }
}
