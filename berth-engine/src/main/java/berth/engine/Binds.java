package berth.engine;

import berth.common.BerthException;
import berth.runtime.BundleSpec.MountSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Docker's {@code -v /host:/container[:ro|rw]} bind syntax. Named volumes come with the volumes issue. */
final class Binds {
    private Binds() {}

    static MountSpec parse(String bind) {
        String[] parts = bind.split(":");
        if (parts.length < 2 || parts.length > 3)
            throw BerthException.invalid("invalid volume specification: '" + bind + "'");
        boolean ro = parts.length == 3 && parts[2].contains("ro");
        if (!parts[0].startsWith("/"))
            throw BerthException.invalid("invalid volume specification: '" + bind
                    + "': named volumes are not supported yet, use an absolute host path");
        if (!parts[1].startsWith("/"))
            throw BerthException.invalid("invalid volume specification: '" + bind
                    + "': invalid mount config: mount path must be absolute");
        return new MountSpec(Path.of(parts[0]), parts[1], ro);
    }

    /** Docker creates a missing bind source as a directory. */
    static MountSpec prepare(MountSpec mount) {
        try {
            if (!Files.exists(mount.source())) Files.createDirectories(mount.source());
            return mount;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
