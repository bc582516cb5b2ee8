package berth.image;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/** Whole-tree operations that never follow a symlink (a layer may hold links to anywhere). */
final class Trees {
    private Trees() {}

    static void deleteRecursively(Path path) throws IOException {
        berth.common.FileTrees.delete(path);
    }

    /** Sum of the sizes of regular files under {@code dir}. */
    static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return 0;
        AtomicLong total = new AtomicLong();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) total.addAndGet(attrs.size());
                return FileVisitResult.CONTINUE;
            }
        });
        return total.get();
    }
}
