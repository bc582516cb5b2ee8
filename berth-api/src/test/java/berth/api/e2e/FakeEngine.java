package berth.api.e2e;

import berth.common.BerthException;
import berth.engine.Engine;
import berth.engine.model.ContainerConfig;
import berth.engine.model.ContainerState;
import berth.engine.model.ExecConfig;
import berth.engine.model.HostConfig;
import berth.engine.model.Status;
import berth.engine.view.ContainerInspect;
import berth.engine.view.ContainerSummary;
import berth.engine.view.ExecInspect;
import berth.image.Image;
import berth.image.ImageService;
import berth.image.Snapshot;
import berth.runtime.LogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Canned answers for testing the HTTP layer alone: one container "web" (running, no TTY), one image
 * "localhost:5000/team/app:1". Attach echoes stdin back on stderr.
 */
final class FakeEngine implements Engine {

    static final String ID = "a".repeat(64);
    final CompletableFuture<WaitResult> waitResult = new CompletableFuture<>();
    volatile long loadedBytes;
    final berth.engine.events.EventBus bus = new berth.engine.events.EventBus();

    @Override
    public SystemInfo info() {
        return new SystemInfo(1, 1, 0, 0, 1, "runc", "/var/lib/berth", "1", "cgroupfs");
    }

    @Override
    public ImageService images() {
        return new FakeImages();
    }

    @Override
    public List<ImageService.DeleteItem> removeImage(String nameOrId, boolean force, boolean noPrune) {
        return images().remove(nameOrId, force, noPrune, id -> Optional.empty());
    }

    @Override
    public ImageService.PruneReport pruneImages(Map<String, List<String>> filters) {
        return new ImageService.PruneReport(List.of(), 0);
    }

    @Override
    public DiskUsage diskUsage() {
        return new DiskUsage(0, List.of(), List.of());
    }

    @Override
    public CreateResult create(Optional<String> name, ContainerConfig config, HostConfig hostConfig) {
        if (config.image() == null) throw BerthException.invalid("No image specified");
        return new CreateResult(ID, List.of());
    }

    @Override
    public void start(String ref) {
        container(ref);
        throw new BerthException.NotModified("already started");
    }

    @Override public void stop(String ref, OptionalInt timeout, Optional<String> signal) { container(ref); }
    @Override public void restart(String ref, OptionalInt timeout, Optional<String> signal) { container(ref); }
    @Override public void kill(String ref, String signal) { container(ref); }
    @Override public void pause(String ref) { container(ref); }
    @Override public void unpause(String ref) { throw BerthException.conflict("Container " + ref + " is not paused"); }
    @Override public void remove(String ref, boolean force, boolean removeVolumes) { container(ref); }
    @Override public void rename(String ref, String newName) { container(ref); }

    @Override
    public CompletableFuture<WaitResult> wait(String ref, WaitCondition condition) {
        container(ref);
        return waitResult;
    }

    @Override
    public List<ContainerSummary> list(ListOptions options) {
        return List.of(new ContainerSummary(ID, List.of("/web"), "busybox", "sha256:" + "b".repeat(64), "sh",
                0, "running", "Up 1 second", List.of(), Map.of(), null, null, Map.of(), Map.of(), List.of()));
    }

    @Override
    public ContainerInspect inspect(String ref, boolean size) {
        container(ref);
        var config = new ContainerConfig("aaaaaaaaaaaa", "", "", false, true, true, null, false, false, false,
                List.of(), List.of("sh"), "busybox", null, "", null, Map.of(), "", null, null);
        var state = ContainerState.of(Status.RUNNING, 42, 0, "", "2024-01-01T00:00:00Z", ContainerState.ZERO_TIME);
        return new ContainerInspect(ID, "2024-01-01T00:00:00Z", "sh", List.of(), state, "sha256:b", "", "", "",
                "", "/web", 0, "overlay2", "linux", "", "", "", List.of(), HostConfig.defaults(), null, null, null,
                List.of(), config, Map.of());
    }

    @Override
    public void logs(String ref, LogOptions options, Predicate<LogEntry> sink) {
        container(ref);
        var t = Instant.parse("2024-01-02T03:04:05.5Z");
        if (sink.test(new LogEntry(LogEntry.Stream.STDOUT, t, "out\n".getBytes()))) {
            sink.test(new LogEntry(LogEntry.Stream.STDERR, t, "err\n".getBytes()));
        }
    }

    @Override
    public void attach(String ref, AttachOptions options, java.util.function.Supplier<InputStream> connect,
                       Predicate<LogEntry> sink) {
        container(ref);
        InputStream stdin = connect.get();
        sink.test(new LogEntry(LogEntry.Stream.STDOUT, Instant.now(), "hello\n".getBytes()));
        try {
            var in = stdin.readAllBytes();
            sink.test(new LogEntry(LogEntry.Stream.STDERR, Instant.now(), in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last terminal size asked for, "h x w". */
    volatile String lastResize = "";

    @Override
    public void resize(String ref, int height, int width) {
        container(ref);
        lastResize = height + "x" + width;
    }

    @Override
    public void execResize(String execId, int height, int width) {
        lastResize = execId + ":" + height + "x" + width;
    }

    @Override
    public PruneReport prune(Map<String, List<String>> filters) {
        return new PruneReport(List.of(ID), 12);
    }

    @Override
    public String execCreate(String ref, ExecConfig config) {
        container(ref);
        return "e".repeat(64);
    }

    @Override
    public void execStart(String execId, boolean detach, InputStream stdin, Predicate<LogEntry> sink) {
        if (!detach) sink.test(new LogEntry(LogEntry.Stream.STDOUT, Instant.now(), "exec\n".getBytes()));
    }

    @Override
    public ExecInspect execInspect(String execId) {
        return new ExecInspect(execId, false, 0, new ExecInspect.ProcessConfig(false, "", false, "sh", List.of()),
                false, true, true, false, ID, "", 0);
    }

    @Override
    public berth.engine.events.Subscription events(Optional<Instant> since, Optional<Instant> until,
                                                   Map<String, List<String>> filters) {
        return bus.subscribe(since, until, new berth.engine.events.EventFilter(filters));
    }

    @Override
    public TopResult top(String ref, String psArgs) {
        container(ref);
        return new TopResult(List.of("PID", "CMD"), List.of(List.of("42", "sleep 300")));
    }

    @Override
    public void stats(String ref, StatsOptions options, Predicate<berth.engine.view.ContainerStats> sink) {
        container(ref);
        for (int i = 0; i < (options.stream() ? 3 : 1); i++) {
            if (!sink.test(berth.engine.view.ContainerStats.empty(ID, "/web"))) return;
        }
    }

    @Override
    public void close() {}

    final FakeFiles files = new FakeFiles();

    @Override
    public berth.engine.ContainerFiles files() {
        return files;
    }

    private static void container(String ref) {
        if (!ref.equals("web") && !ID.startsWith(ref)) throw BerthException.notFound("No such container: " + ref);
    }

    /** Only what the image endpoints call. */
    final class FakeImages implements ImageService {
        static final Image APP = new Image("sha256:" + "b".repeat(64), List.of("localhost:5000/team/app:1"),
                List.of(), "", "", Instant.EPOCH, "", "amd64", "linux", 100,
                new Image.ImageConfig("", List.of("PATH=/bin"), List.of("sh"), List.of(), "/", Map.of(),
                        List.of("80/tcp"), List.of(), "", List.of()), List.of("sha256:" + "c".repeat(64)));

        @Override
        public List<String> load(InputStream archive) {
            try {
                loadedBytes = archive.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of("Loaded image: busybox:latest");
        }

        @Override public Image importTar(InputStream rootfsTar, String reference, List<String> changes, String message) { return APP; }

        /** "nosuch" is missing before any progress; "broken" fails after its first layer line. */
        @Override
        public void pull(berth.image.PullRequest request, berth.image.Progress progress) {
            if (request.reference().startsWith("nosuch"))
                throw BerthException.notFound("pull access denied for nosuch, repository does not exist or may require 'docker login'");
            progress.emit(berth.image.Progress.Event.of("latest", "Pulling from library/" + request.reference().split(":")[0]));
            progress.emit(new berth.image.Progress.Event("0123456789ab", "Downloading", 1_500_000, 3_000_000));
            if (request.reference().startsWith("broken")) throw BerthException.invalid("filesystem layer verification failed");
            progress.emit(berth.image.Progress.Event.line("Status: Downloaded newer image for " + request.reference()));
        }
        @Override public List<Image> list(boolean all, Map<String, List<String>> filters) { return List.of(APP); }

        @Override
        public Image get(String nameOrId) {
            if (APP.repoTags().contains(nameOrId) || APP.id().equals(nameOrId)) return APP;
            throw BerthException.notFound("No such image: " + nameOrId);
        }

        @Override public void tag(String source, String repo, String tag) { get(source); }
        @Override public List<DeleteItem> remove(String n, boolean f, boolean np,
                                                 java.util.function.Function<String, Optional<ImageService.ImageUser>> using) {
            return List.of(DeleteItem.untagged(n), DeleteItem.deleted(APP.id()));
        }
        @Override public Snapshot createSnapshot(String containerId, String imageId) { throw new UnsupportedOperationException(); }
        @Override public Snapshot snapshot(String containerId) { throw new UnsupportedOperationException(); }
        @Override public void mount(String containerId) {}
        @Override public void unmount(String containerId) {}
        @Override public void removeSnapshot(String containerId) {}
        @Override public long snapshotSize(String containerId) { return 0; }
        @Override public List<berth.image.FileChange> changes(String containerId) { throw new UnsupportedOperationException(); }
        @Override public berth.image.RootFs rootFs(String containerId) { throw new UnsupportedOperationException(); }
        @Override public Image commit(String containerId, berth.image.CommitSpec spec) { throw new UnsupportedOperationException(); }
    }
}
