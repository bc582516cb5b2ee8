package berth.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which pauses are a commit's. A commit freezes a running container while it reads the layer and thaws it
 * after; a daemon killed in between would leave it frozen, a pause nobody asked for. A marker file in the
 * container's directory, made before the pause and deleted after the thaw, tells the next daemon's
 * reconciliation to thaw it. Page-cache durability is enough: this guards against a killed daemon, and a
 * reboot ends the container anyway.
 */
final class CommitPauses {
    private static final String MARKER = "commit-paused";
    private final ContainerPaths paths;

    CommitPauses(ContainerPaths paths) {
        this.paths = paths;
    }

    void marking(String id) {
        try {
            Files.writeString(marker(id), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the commit's pause of " + id, e);
        }
    }

    /** True if a commit's pause was marked; the mark goes either way. */
    boolean clear(String id) {
        try {
            return Files.deleteIfExists(marker(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the commit's pause of " + id, e);
        }
    }

    private Path marker(String id) {
        return paths.dir(id).resolve(MARKER);
    }
}
