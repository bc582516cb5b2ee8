package berth.engine;

import berth.runtime.BundleSpec;
import berth.runtime.BundleSpec.MountSpec;
import berth.runtime.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a container into what the runtime needs: the process, the network mode, the mounts and the
 * files Docker generates for every container (/etc/hostname, /etc/hosts, /etc/resolv.conf).
 */
final class BundleFactory {
    private final ContainerPaths paths;
    private final String cgroupParent;

    BundleFactory(ContainerPaths paths, String cgroupParent) {
        this.paths = paths;
        this.cgroupParent = cgroupParent;
    }

    BundleSpec bundle(Container c, Path rootfs, NetworkSetup net, List<MountSpec> containerMounts) {
        writeEtcFiles(c, net);
        var cfg = c.config();
        List<String> argv = new ArrayList<>();
        argv.add(c.path());
        argv.addAll(c.args());
        if (InitProcess.wanted(c)) argv = InitProcess.wrap(argv);
        var process = new ProcessSpec(argv, cfg.env(), cwd(cfg.workingDir()), cfg.user(), cfg.tty(),
                cfg.openStdin(), c.hostConfig().privileged(), cfg.stdinOnce(), c.hostConfig().groupAdd());
        return new BundleSpec(c.id(), rootfs, paths.log(c.id()), process, net.hostname(), cfg.domainname(),
                net.mode(), mounts(c, containerMounts), c.hostConfig().readonlyRootfs(), cgroupParent, cfg.labels(),
                SecurityOpts.spec(c.hostConfig()), berth.engine.resources.ResourceMapping.of(c.hostConfig()));
    }

    /** The generated /etc files first, unless the container mounts something of its own there (as Docker). */
    private List<MountSpec> mounts(Container c, List<MountSpec> containerMounts) {
        List<MountSpec> mounts = new ArrayList<>();
        String id = c.id();
        var taken = containerMounts.stream().map(MountSpec::destination).collect(java.util.stream.Collectors.toSet());
        if (!taken.contains("/etc/hostname")) mounts.add(new MountSpec.Bind(paths.hostname(id), "/etc/hostname", false));
        if (!taken.contains("/etc/hosts")) mounts.add(new MountSpec.Bind(paths.hosts(id), "/etc/hosts", false));
        if (!taken.contains("/etc/resolv.conf")) mounts.add(new MountSpec.Bind(paths.resolvConf(id), "/etc/resolv.conf", false));
        // parents before children, so that a mount inside another one's path lands on top of it
        containerMounts.stream().sorted(java.util.Comparator.comparingInt(m -> m.destination().length())).forEach(mounts::add);
        InitProcess.mount(c, InitProcess.DEFAULT_BINARY).ifPresent(mounts::add);
        return mounts;
    }

    /** The contents come from networking (the container's address and names, the DNS servers to use). */
    private void writeEtcFiles(Container c, NetworkSetup net) {
        String id = c.id();
        try {
            Files.createDirectories(paths.dir(id));
            Files.writeString(paths.hostname(id), net.hostname() + "\n");
            Files.writeString(paths.hosts(id), net.hosts());
            Files.writeString(paths.resolvConf(id), net.resolvConf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cwd(String workingDir) {
        return workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    }
}
