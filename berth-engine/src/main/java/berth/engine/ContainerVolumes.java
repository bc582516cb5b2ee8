package berth.engine;

import berth.common.BerthException;
import berth.common.RootedPaths;
import berth.engine.MountRequests.Wanted;
import berth.engine.model.ContainerMount;
import berth.runtime.BundleSpec.MountSpec;
import berth.volume.CopyUp;
import berth.volume.Volume;
import berth.volume.VolumeService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The volumes side of containers: makes the volumes a new container names (anonymous ones get a generated
 * name), mounts them when it starts (with the image's content copied into a fresh one) and lets go of them
 * when it stops, and answers who uses a volume. {@link #lock} is held from a create's volumes to its stored
 * container, and by volume removals, so a volume is never removed between the two.
 */
final class ContainerVolumes {
    private static final Logger LOG = Logger.getLogger(ContainerVolumes.class.getName());
    final VolumeService service;
    final ReentrantLock lock = new ReentrantLock();
    private final ContainerIndex index;
    private final EngineEvents events;

    ContainerVolumes(VolumeService service, ContainerIndex index, EngineEvents events) {
        this.service = service;
        this.index = index;
        this.events = events;
    }

    EngineEvents events() {
        return events;
    }

    /** Creates the volumes the mounts name (an existing one is used as it is). Call with {@link #lock} held. */
    List<ContainerMount> resolve(List<Wanted> wanted, List<String> createdAnonymous) {
        List<ContainerMount> out = new ArrayList<>();
        for (Wanted w : wanted) {
            ContainerMount m = w.mount();
            if (!m.isVolume()) {
                out.add(m);
                continue;
            }
            boolean anonymous = m.name().isEmpty();
            Map<String, String> labels = new HashMap<>(w.labels());
            if (anonymous) labels.put(Volume.ANONYMOUS_LABEL, "");
            boolean existed = !anonymous && service.find(m.name()).isPresent();
            Volume v = service.create(new VolumeService.CreateRequest(m.name(), "", w.driverOptions(), labels));
            if (anonymous) createdAnonymous.add(v.name());
            if (!existed) events.volume(v.name(), "create", Map.of("driver", v.driver()));
            out.add(m.withVolume(v.name(), v.mountpoint().toString()));
        }
        return out;
    }

    /** The container's mounts for its bundle; volumes are mounted (and filled once) from {@code rootfs}. */
    List<MountSpec> attach(Container c, Path rootfs) {
        List<MountSpec> specs = new ArrayList<>();
        List<String> mounted = new ArrayList<>();
        try {
            for (ContainerMount m : c.mounts()) specs.add(spec(c, m, rootfs, mounted));
            return specs;
        } catch (RuntimeException e) {
            mounted.forEach(this::release);
            throw e;
        }
    }

    private MountSpec spec(Container c, ContainerMount m, Path rootfs, List<String> mounted) {
        return switch (m.kind()) {
            case BIND -> new MountSpec.Bind(bindSource(m), m.destination(), !m.rw(), m.propagation());
            case TMPFS -> new MountSpec.Tmpfs(m.destination(), List.of(m.tmpfsOptions().split(",")));
            case VOLUME -> {
                Path path = service.mount(m.name());
                mounted.add(m.name());
                if (m.copyUp()) service.populate(m.name(), CopyUp.from(inRoot(rootfs, m.destination())));
                else service.populate(m.name(), dir -> { });
                events.volume(m.name(), "mount", Map.of("container", c.id(), "destination", m.destination(),
                        "driver", "local", "read/write", Boolean.toString(m.rw()), "propagation", ""));
                yield new MountSpec.Bind(path, m.destination(), !m.rw(), "rprivate");
            }
        };
    }

    /** Docker's {@code -v} makes a missing host directory; {@code --mount} checked its source at create. */
    private static Path bindSource(ContainerMount m) {
        Path source = Path.of(m.source());
        try {
            if (!Files.exists(source)) Files.createDirectories(source);
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the container's own path is, resolved inside its root (symlinks cannot lead out of it). */
    private static Path inRoot(Path rootfs, String path) {
        try {
            return RootedPaths.resolve(rootfs, path);
        } catch (IOException e) {
            throw BerthException.fault("cannot resolve " + path + " in the container: " + e.getMessage(), e);
        }
    }

    /** The container stopped (or never started): its volumes are one user less. */
    void detach(Container c) {
        c.mounts().stream().filter(ContainerMount::isVolume).forEach(m -> {
            release(m.name());
            events.volume(m.name(), "unmount", Map.of("container", c.id(), "driver", "local"));
        });
    }

    private void release(String name) {
        try {
            service.unmount(name);
        } catch (RuntimeException e) {
            LOG.warning("cannot unmount volume " + name + ": " + e.getMessage());
        }
    }

    /** IDs of the containers (any state) that mount the volume. */
    List<String> users(String name) {
        return index.all().stream()
                .filter(c -> c.mounts().stream().anyMatch(m -> m.isVolume() && m.name().equals(name)))
                .map(Container::id).toList();
    }

    /** {@code rm -v} and AutoRemove: the removed container's anonymous volumes that nobody else uses go too. */
    void removeAnonymous(Container gone) {
        lock.lock();
        try {
            for (ContainerMount m : gone.mounts()) {
                if (!m.isVolume() || service.find(m.name()).filter(Volume::anonymous).isEmpty()) continue;
                if (!users(m.name()).isEmpty()) continue;
                try {
                    destroy(m.name());
                } catch (BerthException e) {
                    // still mounted by a container that is going away: prune can take it later
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A failed create's anonymous volumes: nobody else knows their names. Failures only leave them for prune. */
    void forgetAnonymous(List<String> names) {
        for (String name : names) {
            try {
                if (service.find(name).isPresent()) destroy(name);
            } catch (RuntimeException e) {
                LOG.warning("cannot remove volume " + name + " of a failed create: " + e.getMessage());
            }
        }
    }

    /** Removes a volume nobody uses (checked by the caller under {@link #lock}). */
    void destroy(String name) {
        try {
            service.remove(name);
            events.volume(name, "destroy", Map.of("driver", "local"));
        } catch (BerthException e) {
            LOG.fine(() -> "cannot remove volume " + name + ": " + e.getMessage());
            throw e;
        }
    }

    /** After a restart: the running containers' volumes are still mounted. */
    void reconcile() {
        Map<String, Integer> inUse = new HashMap<>();
        index.all().stream().filter(Container::hasProcess).flatMap(c -> c.mounts().stream())
                .filter(ContainerMount::isVolume).forEach(m -> inUse.merge(m.name(), 1, Integer::sum));
        service.reconcile(inUse);
    }
}
