package berth.engine;

import berth.common.BerthException;
import berth.runtime.BundleSpec;
import berth.runtime.BundleSpec.MountSpec;
import berth.runtime.BundleSpec.NetworkMode;
import berth.runtime.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a container into what the runtime needs: the process, the network mode, the bind mounts and the
 * files Docker generates for every container (/etc/hostname, /etc/hosts, /etc/resolv.conf).
 */
final class BundleFactory {
    private final ContainerPaths paths;
    private final String cgroupParent;

    BundleFactory(ContainerPaths paths, String cgroupParent) {
        this.paths = paths;
        this.cgroupParent = cgroupParent;
    }

    BundleSpec bundle(Container c, Path rootfs) {
        writeEtcFiles(c);
        var cfg = c.config();
        List<String> argv = new ArrayList<>();
        argv.add(c.path());
        argv.addAll(c.args());
        var process = new ProcessSpec(argv, cfg.env(), cwd(cfg.workingDir()), cfg.user(), cfg.tty(),
                cfg.openStdin(), c.hostConfig().privileged(), cfg.stdinOnce());
        return new BundleSpec(c.id(), rootfs, paths.log(c.id()), process, cfg.hostname(), cfg.domainname(),
                network(c), mounts(c), c.hostConfig().readonlyRootfs(), cgroupParent, cfg.labels());
    }

    static NetworkMode network(Container c) {
        return switch (c.hostConfig().networkMode()) {
            case "host" -> NetworkMode.HOST;
            // Bridge networking arrives with the networks issue; until then "default" and "bridge" get a
            // private namespace with loopback only, like "none".
            case "none", "default", "bridge" -> NetworkMode.NONE;
            default -> throw BerthException.notFound("network " + c.hostConfig().networkMode() + " not found");
        };
    }

    private List<MountSpec> mounts(Container c) {
        List<MountSpec> mounts = new ArrayList<>();
        String id = c.id();
        boolean host = network(c) == NetworkMode.HOST;
        mounts.add(new MountSpec(paths.hostname(id), "/etc/hostname", false));
        mounts.add(new MountSpec(host ? Path.of("/etc/hosts") : paths.hosts(id), "/etc/hosts", false));
        mounts.add(new MountSpec(paths.resolvConf(id), "/etc/resolv.conf", false));
        for (String bind : c.hostConfig().binds()) mounts.add(Binds.prepare(Binds.parse(bind)));
        return mounts;
    }

    private void writeEtcFiles(Container c) {
        String id = c.id();
        String hostname = c.config().hostname();
        try {
            Files.createDirectories(paths.dir(id));
            Files.writeString(paths.hostname(id), hostname + "\n");
            Files.writeString(paths.hosts(id), """
                    127.0.0.1\tlocalhost
                    ::1\tlocalhost ip6-localhost ip6-loopback
                    fe00::0\tip6-localnet
                    ff00::0\tip6-mcastprefix
                    ff02::1\tip6-allnodes
                    ff02::2\tip6-allrouters
                    """);
            Path hostResolv = Path.of("/etc/resolv.conf");
            Files.writeString(paths.resolvConf(id), Files.exists(hostResolv) ? Files.readString(hostResolv) : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cwd(String workingDir) {
        return workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    }
}
