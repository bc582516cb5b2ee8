package berth.engine;

import berth.image.ImageService;
import berth.runtime.ContainerRuntime;
import berth.runtime.LogReader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What the engine's parts share: the stores, the runtime, the waiters, a lock per container (held for a
 * state change, never while waiting for an exit) and the exit future of each running container.
 */
final class EngineContext {
    final ContainerIndex index = new ContainerIndex();
    final Waiters waiters = new Waiters();
    final ContainerStore store;
    final ImageService images;
    final ContainerRuntime runtime;
    final LogReader logReader;
    final ContainerPaths paths;
    final BundleFactory bundles;
    final EngineEvents events;
    final String cgroupParent;
    final ContainerNetworking networking;
    final ContainerVolumes volumes;
    final OomCheck oom;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Integer>> exits = new ConcurrentHashMap<>();

    final java.util.Optional<berth.image.Remap> remap;

    EngineContext(ContainerStore store, ImageService images, ContainerRuntime runtime, LogReader logReader,
                  ContainerPaths paths, String cgroupParent, berth.network.NetworkService networks,
                  berth.volume.VolumeService volumeService) {
        this(store, images, runtime, logReader, paths, cgroupParent, networks, volumeService, java.util.Optional.empty());
    }

    EngineContext(ContainerStore store, ImageService images, ContainerRuntime runtime, LogReader logReader,
                  ContainerPaths paths, String cgroupParent, berth.network.NetworkService networks,
                  berth.volume.VolumeService volumeService, java.util.Optional<berth.image.Remap> remap) {
        this.remap = remap;
        this.store = store;
        this.images = images;
        this.runtime = runtime;
        this.logReader = logReader;
        this.paths = paths;
        this.bundles = new BundleFactory(paths, cgroupParent);
        this.events = new EngineEvents(index, images);
        this.cgroupParent = cgroupParent;
        this.networking = new ContainerNetworking(networks, index, paths);
        this.volumes = new ContainerVolumes(volumeService, index, events);
        this.oom = new OomCheck(berth.runtime.cgroup.CgroupReader.host(), cgroupParent);
    }

    /** The daemon's {@code --userns-remap}, unless the container opted out with {@code --userns=host}. */
    java.util.Optional<berth.image.Remap> remapOf(Container c) {
        return "host".equals(c.hostConfig().usernsMode()) ? java.util.Optional.empty() : remap;
    }

    /** Stores the new value, then publishes it. */
    Container save(Container c) {
        store.put(c);
        index.put(c);
        return c;
    }

    <T> T locked(String id, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(String id, Runnable action) {
        locked(id, () -> {
            action.run();
            return null;
        });
    }

    void forget(String id) {
        locks.remove(id);
        exits.remove(id);
    }

    /** The future completed with the exit code when the current run of the container ends. */
    CompletableFuture<Integer> exitOf(String id) {
        return exits.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    void newRun(String id) {
        exits.put(id, new CompletableFuture<>());
    }

    void runEnded(String id, int code) {
        exitOf(id).complete(code);
    }
}
