package berth.daemon;

import berth.api.ApiServer;
import berth.common.BerthException;
import berth.engine.LocalEngine;
import berth.image.ImageService;
import berth.runtime.ContainerRuntime;
import berth.runtime.LogReader;
import berth.runtime.RuntimeConfig;
import berth.network.NetworkConfig;
import berth.network.NetworkService;
import berth.sys.LinuxNetOs;
import berth.sys.LinuxOs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The wired daemon: one data root (images, containers, logs), one exec root (bundles, exit files, runtime
 * state), one socket. A lock on the data root keeps a second daemon off it. Closing stops serving and
 * leaves containers running under their monitors.
 */
final class Daemon implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Daemon.class.getName());
    private final FileLock lock;
    private final LocalEngine engine;
    private final ApiServer server;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Daemon(FileLock lock, LocalEngine engine, ApiServer server) {
        this.lock = lock;
        this.engine = engine;
        this.server = server;
    }

    static Daemon start(DaemonOptions o) {
        Path dataRoot = o.dataRoot.toAbsolutePath();
        Path execRoot = o.execRoot.toAbsolutePath();
        var endpoints = Listeners.endpoints(o.listeners()); // bad flags or TLS files fail before anything starts
        FileLock lock = lockDataRoot(dataRoot);
        makePrivate(execRoot);
        var os = new LinuxOs();
        ImageService images = ImageService.open(dataRoot, os, new berth.registry.RegistryConfig(o.insecureRegistries));
        ContainerRuntime runtime = ContainerRuntime.open(new RuntimeConfig(execRoot, o.defaultRuntime, os));
        var remap = UsernsRemap.resolve(o.usernsRemap).map(m -> remapped(m, dataRoot, execRoot, os));
        var networks = NetworkService.open(new NetworkConfig(dataRoot.resolve("network.db"), execRoot.resolve("netns"),
                o.bridge, o.bip), new LinuxNetOs(remap.map(berth.image.Remap::userns)));
        LocalEngine engine = LocalEngine.open(dataRoot, images, runtime, LogReader.conmonLogs(), o.cgroupParentPath(),
                networks, berth.volume.VolumeService.open(dataRoot.resolve("volumes"), os), remap);
        ApiServer server = ApiServer.start(endpoints, engine, new ApiServer.Options(Version.BERTH, "unknown", "unknown"));
        LOG.info("berthd " + Version.BERTH + " serving on " + server.endpoints() + " (runtime " + runtime.name()
                + ", data root " + dataRoot + ")");
        return new Daemon(lock, engine, server);
    }

    /** The user namespace every remapped container's layers are id-mapped with, held open for the daemon's life. */
    private static berth.image.Remap remapped(berth.common.IdMapping mapping, Path dataRoot, Path execRoot, LinuxOs os) {
        UsernsRemap.checkReachable(dataRoot, mapping);
        LOG.info("userns-remap: containers' root is uid " + mapping.rootUid() + ", gid " + mapping.rootGid());
        Path pin = execRoot.resolve("userns");
        int fd = os.pinUserNamespace(mapping, pin);
        UsernsRemap.probeIdMappedMounts(execRoot, fd, os);
        return new berth.image.Remap(mapping, fd, pin);
    }

    private static FileLock lockDataRoot(Path dataRoot) {
        try {
            makePrivate(dataRoot);
            FileChannel ch = FileChannel.open(dataRoot.resolve("berthd.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) throw BerthException.conflict("another berthd is using the data root " + dataRoot);
            return lock;
        } catch (IOException e) {
            throw BerthException.fault("cannot lock " + dataRoot + ": " + e.getMessage(), e);
        }
    }

    /** Daemon state is root's alone. */
    private static void makePrivate(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw BerthException.fault("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed.getCount() == 0) return;
        LOG.info("berthd stopping; containers keep running");
        server.close();
        engine.close();
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            LOG.warning("cannot release the data root lock: " + e.getMessage());
        }
        closed.countDown();
    }
}
