package berth.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temp dirs under /var/tmp (tmpfs may refuse trusted.* xattrs), removed without following symlinks. */
final class TestDirs {
    private TestDirs() {}

    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("/var/tmp"), prefix);
    }

    static void delete(Path dir) throws IOException {
        Trees.deleteRecursively(dir);
    }
}
