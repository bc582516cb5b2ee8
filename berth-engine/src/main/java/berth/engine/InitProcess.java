package berth.engine;

import berth.common.BerthException;
import berth.runtime.BundleSpec.MountSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --init}: as Docker does with docker-init, a static tini (Debian's {@code tini} package) is bound
 * read-only at /sbin/docker-init and becomes PID 1, with the container's command as its child: it forwards
 * signals and reaps orphans. A static binary, because the image may have no libc.
 */
final class InitProcess {
    static final String PATH_IN_CONTAINER = "/sbin/docker-init";
    static final Path DEFAULT_BINARY = Path.of("/usr/bin/tini-static");

    private InitProcess() {}

    /** HostConfig.Init, or the daemon's default (off) when the client did not say. */
    static boolean wanted(Container c) {
        return Boolean.TRUE.equals(c.hostConfig().init());
    }

    /** The init's argv: tini, then {@code --}, then the container's own. */
    static List<String> wrap(List<String> argv) {
        List<String> all = new ArrayList<>(List.of(PATH_IN_CONTAINER, "--"));
        all.addAll(argv);
        return all;
    }

    static Optional<MountSpec> mount(Container c, Path binary) {
        if (!wanted(c)) return Optional.empty();
        if (!Files.isExecutable(binary))
            throw BerthException.fault("--init needs " + binary + " (Debian package tini)", null);
        return Optional.of(new MountSpec.Bind(binary, PATH_IN_CONTAINER, true));
    }
}
