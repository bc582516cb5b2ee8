package berth.volume;

import berth.common.BerthException;
import berth.common.FileTrees;
import berth.common.Ids;
import berth.sys.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named volumes of the local driver under {@code <data-root>/volumes}: {@code <name>/_data} holds the data,
 * {@code volumes.db} the records. The record is the commit point: it is stored before the directory is made
 * and deleted before the directory is, and {@link #open} makes what a crash left consistent (a record gets
 * its directory again, a directory without a record goes). Knows nothing of containers: who uses a volume
 * is the engine's business; this service only counts mounts, to mount a filesystem volume at its first user
 * and unmount it after its last.
 */
public final class VolumeService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(VolumeService.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private final Path root;
    private final Os os;
    private final VolumeStore store;
    private final Map<String, Volume> volumes = new ConcurrentHashMap<>();
    /** Mounts in use per volume (containers running with it, copy-ups in progress). */
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, java.util.concurrent.locks.ReentrantLock> copyLocks = new ConcurrentHashMap<>();

    private VolumeService(Path root, Os os, VolumeStore store) {
        this.root = root;
        this.os = os;
        this.store = store;
    }

    /** What a client asks for; an empty name makes an anonymous-style 64-hex one. */
    public record CreateRequest(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        public CreateRequest {
            options = Map.copyOf(options);
            labels = Map.copyOf(labels);
        }
    }

    public static VolumeService open(Path root, Os os) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var service = new VolumeService(root, os, VolumeStore.open(root.resolve("volumes.db")));
        service.store.loadAll().forEach(v -> service.volumes.put(v.name(), v));
        service.sweep();
        return service;
    }

    /** Docker's create: an existing volume of that name is returned as it is (with the local driver). */
    public synchronized Volume create(CreateRequest request) {
        String name = request.name().isEmpty() ? Ids.newId() : validName(request.name());
        String driver = request.driver().isEmpty() ? Volume.LOCAL : request.driver();
        if (!driver.equals(Volume.LOCAL))
            throw BerthException.notFound("create " + name + ": error looking up volume plugin " + driver
                    + ": plugin \"" + driver + "\" not found");
        Volume existing = volumes.get(name);
        if (existing != null) return existing;
        LocalOptions.parse(name, request.options());
        var v = new Volume(name, driver, dataDir(name), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                request.labels(), request.options(), true);
        store.put(v);
        makeDirs(v);
        volumes.put(name, v);
        return v;
    }

    public Volume get(String name) {
        return find(name).orElseThrow(() -> BerthException.notFound("get " + name + ": no such volume"));
    }

    public Optional<Volume> find(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    /** Every volume, by name. */
    public List<Volume> list() {
        return volumes.values().stream().sorted(Comparator.comparing(Volume::name)).toList();
    }

    /** Deletes the volume and its data. The caller has made sure no container uses it. */
    public synchronized void remove(String name) {
        Volume v = get(name);
        if (users.getOrDefault(name, 0) > 0)
            throw BerthException.conflict("remove " + name + ": volume is in use - [mounted]");
        store.delete(name);
        volumes.remove(name);
        copyLocks.remove(name);
        deleteDir(name);
    }

    /**
     * Makes the volume ready for one more container and returns the host path to bind: the data directory,
     * the host directory of a bind-like volume, or the directory a filesystem is mounted on (mounted now
     * when this is the first user).
     */
    public synchronized Path mount(String name) {
        Volume v = get(name);
        int count = users.getOrDefault(name, 0);
        Path path = switch (v.kind()) {
            case LocalOptions.Plain p -> v.mountpoint();
            case LocalOptions.HostBind b -> existingDir(name, b.device());
            case LocalOptions.Filesystem f -> {
                if (count == 0) mountFilesystem(v, f);
                yield v.mountpoint();
            }
        };
        users.put(name, count + 1);
        return path;
    }

    /** One container less; the last one's leaving unmounts a filesystem volume. Unknown names are fine. */
    public synchronized void unmount(String name) {
        int count = users.getOrDefault(name, 0) - 1;
        if (count > 0) {
            users.put(name, count);
            return;
        }
        users.remove(name);
        Volume v = volumes.get(name);
        if (v != null && v.kind() instanceof LocalOptions.Filesystem) unmountQuietly(v.mountpoint());
    }

    /**
     * Docker's copy-up: if the volume is still fresh (never mounted by a container) and empty, {@code fill}
     * copies the image's content into the directory it is given; either way the volume is fresh no more.
     * A plain volume is filled in a staging directory that then replaces the empty data directory in one
     * rename, so a crash mid-copy leaves the volume empty (and still fresh), never half-filled. Called after
     * {@link #mount}, so the volume cannot be removed meanwhile; copies of different volumes run in parallel.
     */
    public void populate(String name, Filler fill) {
        var lock = copyLocks.computeIfAbsent(name, k -> new java.util.concurrent.locks.ReentrantLock());
        lock.lock(); // one copy per volume at a time; other volumes' mounts go on meanwhile
        try {
            Volume v = get(name);
            if (!v.fresh()) return;
            copy(v, fill);
            markPopulated(name);
        } finally {
            lock.unlock();
        }
    }

    private void copy(Volume v, Filler fill) {
        try {
            if (v.kind() instanceof LocalOptions.Plain && isEmpty(v.mountpoint())) fillStaged(v, fill);
            else if (v.kind() instanceof LocalOptions.Filesystem && isEmpty(v.mountpoint())) fill.into(v.mountpoint());
        } catch (IOException e) {
            throw BerthException.fault("copying image content into volume " + v.name() + ": " + e.getMessage(), e);
        }
    }

    private synchronized void markPopulated(String name) {
        Volume v = get(name).populated();
        store.put(v);
        volumes.put(name, v);
    }

    /** Copies content into a directory; see {@link #populate}. */
    @FunctionalInterface
    public interface Filler {
        void into(Path dir) throws IOException;
    }

    /** Bytes used by the volume's files (not following links); -1 for a host directory it does not own. */
    public long size(String name) {
        Volume v = get(name);
        if (v.kind() instanceof LocalOptions.HostBind) return -1;
        try (Stream<Path> walk = Files.walk(v.mountpoint())) {
            return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(VolumeService::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * After a restart: {@code inUse} counts the running containers of each volume (their mounts outlived the
     * daemon); a filesystem volume that nobody uses any more is unmounted.
     */
    public synchronized void reconcile(Map<String, Integer> inUse) {
        users.clear();
        inUse.forEach((name, n) -> { if (volumes.containsKey(name) && n > 0) users.put(name, n); });
        for (Volume v : volumes.values())
            if (v.kind() instanceof LocalOptions.Filesystem && !users.containsKey(v.name())) unmountQuietly(v.mountpoint());
    }

    private static String validName(String name) {
        if (!NAME.matcher(name).matches())
            throw BerthException.invalid("create " + name + ": \"" + name + "\" includes invalid characters for a local"
                    + " volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host"
                    + " directory, use absolute path");
        return name;
    }

    private Path dataDir(String name) {
        return root.resolve(name).resolve("_data");
    }

    private void makeDirs(Volume v) {
        try {
            Files.createDirectories(v.mountpoint());
        } catch (IOException e) {
            throw BerthException.fault("create " + v.name() + ": " + e.getMessage(), e);
        }
    }

    private void mountFilesystem(Volume v, LocalOptions.Filesystem f) {
        try {
            os.mount(f.device(), v.mountpoint(), f.type(), f.flags(), f.data());
        } catch (RuntimeException e) {
            throw BerthException.fault("error while mounting volume '" + v.mountpoint() + "': failed to mount local volume: mount "
                    + f.device() + ":" + v.mountpoint() + ", data: " + f.data() + ": " + e.getMessage(), e);
        }
    }

    private void unmountQuietly(Path dir) {
        try {
            os.unmount(dir, Os.MNT_DETACH);
        } catch (RuntimeException e) {
            LOG.fine(() -> "not mounted: " + dir);
        }
    }

    private static Path existingDir(String name, Path device) {
        if (!Files.isDirectory(device))
            throw BerthException.fault("error while mounting volume '" + name + "': failed to mount local volume: mount "
                    + device + ": no such file or directory", null);
        return device;
    }

    private void fillStaged(Volume v, Filler fill) throws IOException {
        Path staging = v.mountpoint().resolveSibling("_copy");
        FileTrees.delete(staging);
        Files.createDirectory(staging);
        fill.into(staging);
        Files.move(staging, v.mountpoint(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private void deleteDir(String name) {
        Path dir = root.resolve(name);
        unmountQuietly(dir.resolve("_data"));
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            LOG.warning("cannot delete " + dir + ": " + e.getMessage());
        }
    }

    /** Records get their directories back; directories without records (a crash mid-remove) go. */
    private void sweep() {
        volumes.values().forEach(this::makeDirs);
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !volumes.containsKey(n)).forEach(n -> {
                        LOG.info("removing leftovers of volume " + n);
                        deleteDir(n);
                    });
        } catch (IOException e) {
            LOG.warning("cannot list " + root + ": " + e.getMessage());
        }
        volumes.keySet().forEach(n -> {
            try {
                FileTrees.delete(root.resolve(n).resolve("_copy"));
            } catch (IOException e) {
                LOG.warning("cannot delete a copy-up staging directory of " + n);
            }
        });
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
