package berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the runtime keeps its state under the daemon's exec root: one bundle per container, the exit
 * files the monitors write, the monitors' attach sockets and the OCI runtime's own state.
 */
record ExecRoot(Path root) {
    ExecRoot {
        root = root.toAbsolutePath().normalize();
    }

    Path bundles() { return root.resolve("bundles"); }

    Path bundle(String id) { return bundles().resolve(id); }

    Path exits() { return root.resolve("exits"); }

    Path exitFile(String id) { return exits().resolve(id); }

    Path sockets() { return root.resolve("sockets"); }

    /** conmon links {@code sockets/<id>} to the bundle, keeping socket paths short (sun_path is 108 bytes). */
    Path socketLink(String id) { return sockets().resolve(id); }

    Path runtimeState(String runtimeName) { return root.resolve(runtimeName); }

    ExecRoot create() {
        try {
            for (Path dir : new Path[] {bundles(), exits(), sockets()}) Files.createDirectories(dir);
            return this;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create " + root + ": " + e.getMessage(), e);
        }
    }

    static void validate(String id) {
        if (!id.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*") || id.length() > 128)
            throw new IllegalArgumentException("invalid container id: " + id);
    }
}
