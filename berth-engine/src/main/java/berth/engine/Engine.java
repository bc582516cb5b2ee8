package berth.engine;

import berth.engine.model.ContainerConfig;
import berth.engine.model.ExecConfig;
import berth.engine.model.HostConfig;
import berth.engine.view.ContainerInspect;
import berth.engine.view.ContainerSummary;
import berth.engine.view.ExecInspect;
import berth.image.ImageService;
import berth.runtime.LogEntry;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The facade the API layer calls: containers, exec sessions, images. Containers are referred to by full
 * ID, unique ID prefix or name ({@code ref}); every method throws {@link berth.common.BerthException} kinds
 * with Docker's messages ("No such container: x", ...). Blocking methods are meant to be called on virtual
 * threads.
 */
public interface Engine extends AutoCloseable {

    // --- system
    SystemInfo info();

    ImageService images();

    /** {@code DELETE /images/{name}}: Docker's untag/delete rules; an image a container uses is a Conflict
     * naming that container, unless {@code force}. */
    List<ImageService.DeleteItem> removeImage(String nameOrId, boolean force, boolean noPrune);

    /** {@code POST /images/prune?filters}: dangling images (all unused ones with dangling=false) that no
     * container uses; filters dangling, until, label, label!. */
    ImageService.PruneReport pruneImages(Map<String, List<String>> filters);

    /** {@code GET /system/df}: layers, images with their shared size and containers, containers with sizes. */
    DiskUsage diskUsage();

    // --- containers
    CreateResult create(Optional<String> name, ContainerConfig config, HostConfig hostConfig);

    /** Create with the client's NetworkingConfig (per network: aliases, a fixed address, a MAC address). */
    default CreateResult create(Optional<String> name, ContainerConfig config, HostConfig hostConfig,
                                berth.engine.model.NetworkingConfig networking) {
        return create(name, config, hostConfig);
    }

    /** Throws NotModified when already running. */
    void start(String ref);

    /** Sends the stop signal, waits {@code timeout} seconds (the container's StopTimeout, else 10), then
     * SIGKILL. Throws NotModified when not running. */
    void stop(String ref, OptionalInt timeout, Optional<String> signal);

    void restart(String ref, OptionalInt timeout, Optional<String> signal);

    /** {@code signal}: a name ("TERM", "SIGTERM") or a number; "" means KILL. Conflict when not running. */
    void kill(String ref, String signal);

    void pause(String ref);

    void unpause(String ref);

    /**
     * Registers a wait at once (NotFound thrown here), and completes when the condition is met:
     * NOT_RUNNING (now if not running), NEXT_EXIT, REMOVED.
     */
    CompletableFuture<WaitResult> wait(String ref, WaitCondition condition);

    void remove(String ref, boolean force, boolean removeVolumes);

    void rename(String ref, String newName);

    /** {@code POST /containers/{id}/update}: new resource limits (0 or "" = unchanged) and restart policy (null =
     * unchanged), applied at once to a running container and stored; returns Docker's warnings. */
    default List<String> update(String ref, HostConfig changes) {
        throw berth.common.BerthException.fault("this engine cannot update containers", null);
    }

    List<ContainerSummary> list(ListOptions options);

    ContainerInspect inspect(String ref, boolean size);

    /** Feeds log entries to {@code sink} until done (or, with follow, until the container stops) or until
     * the sink returns false. Blocking. */
    void logs(String ref, LogOptions options, Predicate<LogEntry> sink);

    /**
     * Attaches to a container: with {@code stream}, feeds its output from now on until it stops (with
     * {@code logs}, what it wrote before first); copies {@code stdin} to it when it was created with
     * OpenStdin. A container not running yet is attached at its next start. Blocking; returns when the
     * container stops, the sink returns false or the client types the detach keys (with a TTY).
     * {@code connect} is called once the attach is registered: it answers the client (the hijack) and returns
     * the client's input. NotFound is thrown before it is called.
     */
    void attach(String ref, AttachOptions options, Supplier<InputStream> connect, Predicate<LogEntry> sink);

    /** Sets the size of the container's terminal. Conflict when it is not running. */
    void resize(String ref, int height, int width);

    PruneReport prune(Map<String, List<String>> filters);

    /** The containers' files: diff, archive (cp), export, commit. */
    ContainerFiles files();
    // --- networks
    /** The networks: list and inspect. */
    default Networks networks() {
        throw berth.common.BerthException.fault("this engine has no networks", null);
    }

    // --- volumes
    /** The volumes: create, list, inspect, remove, prune. */
    default Volumes volumes() {
        throw berth.common.BerthException.fault("this engine has no volumes", null);
    }

    // --- exec
    String execCreate(String ref, ExecConfig config);

    /** Runs the exec session. Detached: returns at once. Otherwise feeds its output to {@code sink} and
     * returns when it ends. Conflict when the container is not running. */
    void execStart(String execId, boolean detach, InputStream stdin, Predicate<LogEntry> sink);

    ExecInspect execInspect(String execId);

    /** Sets the size of a running exec's terminal. Conflict when it is not running. */
    void execResize(String execId, int height, int width);

    // --- watching
    /**
     * {@code GET /events}: the remembered events between {@code since} and {@code until} that pass the
     * filters ({@link berth.engine.events.Subscription#backlog}), then live ones until the caller closes
     * the subscription. Filters are Docker's: type, event, container, image, label, network, volume, daemon.
     */
    berth.engine.events.Subscription events(Optional<Instant> since, Optional<Instant> until,
                                            Map<String, List<String>> filters);

    /** {@code docker top}: the host's {@code ps} ({@code psArgs}, "-ef" when blank) for the container's
     * processes. Conflict when it is not running. */
    TopResult top(String ref, String psArgs);

    /** Feeds stats samples to {@code sink} (see {@link StatsOptions}) until done or the sink returns false.
     * Blocking. */
    void stats(String ref, StatsOptions options, Predicate<berth.engine.view.ContainerStats> sink);

    @Override
    void close();

    // --- values
    record CreateResult(String id, List<String> warnings) {}

    enum WaitCondition {
        NOT_RUNNING, NEXT_EXIT, REMOVED;

        public static WaitCondition parse(String s) {
            return switch (s == null ? "" : s) {
                case "", "not-running" -> NOT_RUNNING;
                case "next-exit" -> NEXT_EXIT;
                case "removed" -> REMOVED;
                default -> throw berth.common.BerthException.invalid("invalid condition: \"" + s + "\"");
            };
        }
    }

    /** {@code error} is empty when the wait ended normally. */
    record WaitResult(int statusCode, String error) {}

    /** {@code tail} is "all" or a number of lines; {@code since}/{@code until} are Instant.MIN/MAX when unset. */
    record LogOptions(boolean stdout, boolean stderr, boolean follow, boolean timestamps, Instant since,
                      Instant until, String tail) {}

    /** {@code detachKeys}: Docker's spelling, "" for the default (ctrl-p,ctrl-q). */
    record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean logs, boolean stream,
                         String detachKeys) {}

    record ListOptions(boolean all, int limit, boolean size, Map<String, List<String>> filters) {}

    record PruneReport(List<String> containersDeleted, long spaceReclaimed) {}

    /** What {@code /system/df} reports; containers with SizeRw and SizeRootFs. */
    record DiskUsage(long layersSize, List<ImageUsage> images, List<ContainerSummary> containers) {
        public DiskUsage {
            images = List.copyOf(images);
            containers = List.copyOf(containers);
        }
    }

    /** An image with the size it shares with other images and the number of containers using it. */
    record ImageUsage(berth.image.Image image, long sharedSize, int containers) {}

    record TopResult(List<String> titles, List<List<String>> processes) {}

    /** {@code stream}: a sample a second until the client leaves; else one sample, taken over a second
     * (so that it carries CPU usage) unless {@code oneShot}. */
    record StatsOptions(boolean stream, boolean oneShot) {}

    /** What {@code /info} needs from the engine. */
    record SystemInfo(int containers, int running, int paused, int stopped, int images, String runtime,
                      String dataRoot, String cgroupVersion, String cgroupDriver, List<String> securityOptions) {
        public SystemInfo(int containers, int running, int paused, int stopped, int images, String runtime,
                          String dataRoot, String cgroupVersion, String cgroupDriver) {
            this(containers, running, paused, stopped, images, runtime, dataRoot, cgroupVersion, cgroupDriver, List.of());
        }
    }
}
