package berth.engine;

import berth.common.BerthException;
import berth.common.Ids;
import berth.engine.events.EventFilter;
import berth.engine.events.Subscription;
import berth.engine.model.ContainerConfig;
import berth.engine.model.ExecConfig;
import berth.engine.model.HostConfig;
import berth.engine.view.ContainerInspect;
import berth.engine.view.ContainerStats;
import berth.engine.view.ContainerSummary;
import berth.engine.view.ExecInspect;
import berth.image.ImageService;
import berth.runtime.ContainerRuntime;
import berth.runtime.LogEntry;
import berth.runtime.LogReader;
import berth.volume.VolumeService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The engine on this host: containers in SQLite, images in the image store, processes in the OCI runtime. */
public final class LocalEngine implements Engine {
    private final EngineContext ctx;
    private final Lifecycle lifecycle;
    private final RestartManager restarts;
    private final Removal removal;
    private final ExecSessions execs;
    private final LogService logs;
    private final Attachments attachments;
    private final Views views;
    private final ContainerFiles files;
    private final ImageEvents imageEvents;
    private final Top top;
    private final StatsFeed stats;
    private final String dataRoot;
    private final Volumes volumeViews;
    private final berth.engine.resources.ResourceChecks resourceChecks = berth.engine.resources.ResourceChecks.host();
    private final ContainerUpdate updates;
    /** Names claimed by creates in flight, with their container IDs. */
    private final Map<String, String> claimed = new ConcurrentHashMap<>();

    private LocalEngine(EngineContext ctx, String dataRoot) {
        this.ctx = ctx;
        this.logs = new LogService(ctx);
        this.attachments = new Attachments(ctx, logs);
        this.removal = new Removal(ctx, attachments);
        this.restarts = new RestartManager(java.time.Clock.systemUTC(), RestartManager.Scheduler.VIRTUAL_THREADS);
        this.execs = new ExecSessions(ctx);
        var health = new HealthMonitor(ctx, (id, cmd, timeout) -> execs.probe(id, cmd, timeout, HealthMonitor.MAX_OUTPUT),
                java.time.Clock.systemUTC());
        this.lifecycle = new Lifecycle(ctx, removal, attachments, restarts, health);
        this.views = new Views(ctx);
        this.files = new LocalContainerFiles(ctx, lifecycle);
        this.imageEvents = new ImageEvents(ctx.images, ctx.events);
        var cgroups = berth.runtime.cgroup.CgroupReader.host();
        this.top = new Top(cgroups, ctx.cgroupParent);
        this.stats = new StatsFeed(ctx, new StatsSampler(cgroups, ctx.cgroupParent, Path.of("/proc")));
        this.dataRoot = dataRoot;
        this.volumeViews = new VolumeViews(ctx.volumes);
        this.updates = new ContainerUpdate(ctx, resourceChecks);
    }

    /** As {@link #open(Path, ImageService, ContainerRuntime, LogReader, String, berth.network.NetworkService,
     * VolumeService)} with the volumes under {@code <dataRoot>/volumes}. */
    public static LocalEngine open(Path dataRoot, ImageService images, ContainerRuntime runtime, LogReader logReader,
                                   String cgroupParent, berth.network.NetworkService networks) {
        return open(dataRoot, images, runtime, logReader, cgroupParent, networks,
                VolumeService.open(dataRoot.resolve("volumes"), new berth.sys.LinuxOs()));
    }

    /** As below, with every container in the host's user namespace. */
    public static LocalEngine open(Path dataRoot, ImageService images, ContainerRuntime runtime, LogReader logReader,
                                   String cgroupParent, berth.network.NetworkService networks, VolumeService volumes) {
        return open(dataRoot, images, runtime, logReader, cgroupParent, networks, volumes, java.util.Optional.empty());
    }

    /**
     * Opens the container store under {@code dataRoot}, listens for exits, then reconciles with the runtime.
     * With {@code remap} ({@code --userns-remap}), containers run in a user namespace of that mapping.
     */
    public static LocalEngine open(Path dataRoot, ImageService images, ContainerRuntime runtime, LogReader logReader,
                                   String cgroupParent, berth.network.NetworkService networks, VolumeService volumes,
                                   java.util.Optional<berth.image.Remap> remap) {
        Path containers = dataRoot.resolve("containers");
        try {
            Files.createDirectories(containers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var store = ContainerStore.open(dataRoot.resolve("containers.db"));
        var ctx = new EngineContext(store, images, runtime, logReader, new ContainerPaths(containers), cgroupParent,
                networks, volumes, remap);
        var engine = new LocalEngine(ctx, dataRoot.toString());
        runtime.onExit((id, code) -> Thread.ofVirtual().start(() -> engine.lifecycle.exited(id, code)));
        new Reconciler(ctx, engine.lifecycle, engine.removal).run();
        return engine;
    }

    @Override
    public SystemInfo info() {
        var all = ctx.index.all();
        int running = (int) all.stream().filter(c -> c.status() == berth.engine.model.Status.RUNNING).count();
        int paused = (int) all.stream().filter(c -> c.status() == berth.engine.model.Status.PAUSED).count();
        boolean v2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        return new SystemInfo(all.size(), running, paused, all.size() - running - paused,
                ctx.images.list(true, Map.of()).size(), ctx.runtime.name(), dataRoot, v2 ? "2" : "1", "cgroupfs",
                ctx.remap.isPresent() ? List.of("name=userns") : List.of());
    }

    @Override
    public ImageService images() {
        return imageEvents;
    }

    @Override
    public Networks networks() {
        return new NetworkViews(ctx.networking.service(), ctx.index);
    }

    @Override
    public Volumes volumes() {
        return volumeViews;
    }

    @Override
    public List<ImageService.DeleteItem> removeImage(String nameOrId, boolean force, boolean noPrune) {
        return imageEvents.remove(nameOrId, force, noPrune, this::imageUser);
    }

    @Override
    public ImageService.PruneReport pruneImages(Map<String, List<String>> filters) {
        var prune = ImagePrune.of(filters);
        var inUse = ctx.index.all().stream().map(Container::imageId).collect(java.util.stream.Collectors.toSet());
        return imageEvents.prune(prune.all(), prune.matches(), inUse);
    }

    @Override
    public DiskUsage diskUsage() {
        var usage = ctx.images.diskUsage();
        Map<String, Long> users = ctx.index.all().stream()
                .collect(java.util.stream.Collectors.groupingBy(Container::imageId, java.util.stream.Collectors.counting()));
        var images = ctx.images.list(true, Map.of()).stream().map(i -> new ImageUsage(i,
                usage.sharedSizes().getOrDefault(i.id(), 0L), users.getOrDefault(i.id(), 0L).intValue())).toList();
        return new DiskUsage(usage.layersSize(), images, list(new ListOptions(true, -1, true, Map.of())));
    }

    /** A container using the image, a running one first (Docker's conflicts check running ones first). */
    private Optional<ImageService.ImageUser> imageUser(String imageId) {
        return ctx.index.all().stream().filter(c -> c.imageId().equals(imageId))
                .map(c -> new ImageService.ImageUser(c.id(), c.status().isActive()))
                .min(java.util.Comparator.comparing(u -> !u.running()));
    }

    @Override
    public List<String> update(String ref, HostConfig changes) {
        return updates.update(ref, changes);
    }

    @Override
    public CreateResult create(Optional<String> name, ContainerConfig config, HostConfig hostConfig) {
        return create(name, config, hostConfig, berth.engine.model.NetworkingConfig.EMPTY);
    }

    @Override
    public CreateResult create(Optional<String> name, ContainerConfig config, HostConfig hostConfig,
                               berth.engine.model.NetworkingConfig networking) {
        if (config.image() == null || config.image().isEmpty())
            throw BerthException.invalid("Config cannot be empty in order to create a container");
        var checked = resourceChecks.forCreate(
                SecurityOpts.atCreate(hostConfig == null ? HostConfig.defaults() : hostConfig.normalized()));
        HostConfig host = checked.hostConfig();
        UsernsRules.check(host, ctx.remap.isPresent());
        RestartPolicies.validate(host);
        HealthConfigs.validate(config.healthcheck());
        List<String> warnings = new java.util.ArrayList<>(checked.warnings());
        warnings.addAll(ctx.networking.check(config, host, networking));
        var image = ctx.images.get(config.image());
        var wanted = MountPlanner.plan(host, volumePaths(config, image), ctx.index::get);
        String id = Ids.newId();
        String n = claimName(name, id);
        List<String> anonymous = new java.util.ArrayList<>();
        try {
            Container c = ContainerFactory.create(id, n, config, host, image);
            makeDir(id);
            ctx.images.createSnapshot(id, image.id());
            ctx.networking.created(id, host, networking);
            saveWithVolumes(c, wanted, anonymous);
        } catch (RuntimeException e) {
            removal.release(id);
            ctx.volumes.forgetAnonymous(anonymous);
            throw e;
        } finally {
            claimed.remove(n);
        }
        return new CreateResult(id, warnings);
    }

    /** The volumes are made and the container stored under the volumes' lock: no volume removal comes between.
     * A crash in between leaves usable volumes (an anonymous one unused, for prune), never half a volume. */
    private void saveWithVolumes(Container c, List<MountRequests.Wanted> wanted, List<String> anonymous) {
        ctx.volumes.lock.lock();
        try {
            Container withMounts = c.withMounts(ctx.volumes.resolve(wanted, anonymous));
            ctx.events.container(ctx.save(withMounts), "create");
        } finally {
            ctx.volumes.lock.unlock();
        }
    }

    private static java.util.Set<String> volumePaths(ContainerConfig config, berth.image.Image image) {
        var paths = new java.util.LinkedHashSet<>(image.config().volumes());
        if (config.volumes() != null) paths.addAll(config.volumes().keySet());
        return paths;
    }

    /** Names are unique: a create claims its name before the slow part (the snapshot), so creates run in
     * parallel and two of them can never store the same name. */
    private synchronized String claimName(Optional<String> requested, String id) {
        String n = requested.filter(s -> !s.isEmpty()).map(Names::validate)
                .orElseGet(() -> Names.generate(x -> ownerOf(x).isPresent()));
        refuseTaken(n);
        claimed.put(n, id);
        return n;
    }

    private Optional<String> ownerOf(String name) {
        return ctx.index.byName(name).map(Container::id).or(() -> Optional.ofNullable(claimed.get(name)));
    }

    private void refuseTaken(String n) {
        ownerOf(n).ifPresent(other -> {
            throw BerthException.conflict("Conflict. The container name \"/" + n + "\" is already in use by container \""
                    + other + "\". You have to remove (or rename) that container to be able to reuse that name.");
        });
    }

    private void makeDir(String id) {
        try {
            Files.createDirectories(ctx.paths.dir(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void start(String ref) { lifecycle.start(ref); }

    @Override public void stop(String ref, OptionalInt t, Optional<String> sig) { lifecycle.stop(ref, t, sig); }

    @Override public void restart(String ref, OptionalInt t, Optional<String> sig) { lifecycle.restart(ref, t, sig); }

    @Override public void kill(String ref, String signal) { lifecycle.kill(ref, signal); }

    @Override public void pause(String ref) { lifecycle.pause(ref); }

    @Override public void unpause(String ref) { lifecycle.unpause(ref); }

    @Override
    public CompletableFuture<WaitResult> wait(String ref, WaitCondition condition) {
        String id = ctx.index.get(ref).id();
        // Under the lock an exit is either recorded (and seen here) or not yet (and it will complete us):
        // a check outside it could miss an exit that lands between the check and the registration.
        return ctx.locked(id, () -> {
            Container c = ctx.index.get(id);
            return switch (condition) {
                case NOT_RUNNING -> c.isActive() ? ctx.waiters.nextExit(c.id())
                        : CompletableFuture.completedFuture(new WaitResult(c.exitCode(), ""));
                case NEXT_EXIT -> ctx.waiters.nextExit(c.id());
                case REMOVED -> ctx.waiters.removal(c.id());
            };
        });
    }

    @Override
    public void remove(String ref, boolean force, boolean removeVolumes) {
        String id = ctx.index.get(ref).id();
        removal.remove(ref, force, removeVolumes);
        restarts.forget(id);
        execs.forgetContainer(id);
    }

    @Override
    public synchronized void rename(String ref, String newName) {
        Container c = ctx.index.get(ref);
        String n = Names.validate(newName);
        if (n.equals(c.name())) throw BerthException.conflict("Renaming a container with the same name as its current name");
        refuseTaken(n);
        ctx.locked(c.id(), () -> { ctx.save(ctx.index.get(c.id()).withName(n)); });
        ctx.events.container(ctx.index.get(c.id()), "rename", Map.of("oldName", "/" + c.name()));
    }

    @Override
    public List<ContainerSummary> list(ListOptions o) {
        var filter = Filters.forList(o.filters(), ctx.index, ctx.images);
        boolean everything = o.all() || o.limit() > 0 || o.filters().containsKey("status")
                || o.filters().containsKey("exited");
        var rows = ctx.index.all().stream()
                .filter(c -> everything || c.isActive())
                .filter(filter)
                .sorted(Comparator.comparing(Container::created).reversed());
        if (o.limit() > 0) rows = rows.limit(o.limit());
        return rows.map(c -> views.summary(c, o.size())).toList();
    }

    @Override
    public ContainerInspect inspect(String ref, boolean size) {
        Container c = ctx.index.get(ref);
        return views.inspect(c, size, execs.idsOf(c.id()));
    }

    @Override
    public void logs(String ref, LogOptions options, Predicate<LogEntry> sink) {
        logs.logs(ref, options, sink);
    }

    @Override
    public void attach(String ref, AttachOptions options, Supplier<InputStream> connect, Predicate<LogEntry> sink) {
        ctx.events.container(ctx.index.get(ref), "attach");
        attachments.attach(ref, options, connect, sink);
    }

    @Override
    public PruneReport prune(Map<String, List<String>> filters) {
        PruneReport report = removal.prune(filters);
        report.containersDeleted().forEach(restarts::forget);
        return report;
    }

    @Override
    public ContainerFiles files() {
        return files;
    }

    @Override
    public String execCreate(String ref, ExecConfig config) {
        return execs.create(ref, config);
    }

    @Override
    public void resize(String ref, int height, int width) {
        lifecycle.resize(ref, height, width);
    }

    @Override
    public void execResize(String execId, int height, int width) {
        execs.resize(execId, height, width);
    }

    @Override
    public void execStart(String execId, boolean detach, InputStream stdin, Predicate<LogEntry> sink) {
        execs.start(execId, detach, stdin, sink);
    }

    @Override
    public ExecInspect execInspect(String execId) {
        return execs.inspect(execId);
    }

    @Override
    public Subscription events(Optional<Instant> since, Optional<Instant> until, Map<String, List<String>> filters) {
        return ctx.events.bus.subscribe(since, until, new EventFilter(filters));
    }

    @Override
    public TopResult top(String ref, String psArgs) {
        Container c = ctx.index.get(ref);
        TopResult result = top.of(c, psArgs);
        ctx.events.container(c, "top");
        return result;
    }

    @Override
    public void stats(String ref, StatsOptions options, Predicate<ContainerStats> sink) {
        try {
            stats.feed(ref, options, sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the client went away
        }
    }

    /** Containers keep running: only the engine's own resources close. */
    @Override
    public void close() {
        ctx.events.bus.close();
        ctx.runtime.close();
        ctx.store.close();
        ctx.images.close();
        ctx.networking.service().close();
        ctx.volumes.service.close();
    }
}
