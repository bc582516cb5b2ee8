package berth.volume;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Copies a directory of a container's root (already resolved inside that root) into a new volume: owners,
 * modes, times, symlinks as links, device nodes and FIFOs as such, extended attributes as far as the JDK
 * copies them. The walk never follows a link, and the target is a directory berth just made and nobody else
 * sees yet, so neither side can lead the copy out of the volume or the container's root.
 */
public final class CopyUp {
    private CopyUp() {}

    /** A filler for {@link VolumeService#populate}; a source that is not a directory copies nothing. */
    public static VolumeService.Filler from(Path source) {
        return target -> {
            if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) return;
            copyAttributes(source, target);
            Files.walkFileTree(source, new Copier(source, target));
        };
    }

    private static final class Copier extends SimpleFileVisitor<Path> {
        private final Path source;
        private final Path target;
        /** Directory times are set after their content, which would change them. */
        private final Deque<Path[]> dirs = new ArrayDeque<>();

        Copier(Path source, Path target) {
            this.source = source;
            this.target = target;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            if (!dir.equals(source)) Files.copy(dir, to(dir), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            dirs.push(new Path[] {dir, to(dir)});
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.copy(file, to(file), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) throw e;
            Path[] pair = dirs.pop();
            FileTime modified = Files.getLastModifiedTime(pair[0], LinkOption.NOFOLLOW_LINKS);
            Files.setLastModifiedTime(pair[1], modified);
            return FileVisitResult.CONTINUE;
        }

        private Path to(Path p) {
            return target.resolve(source.relativize(p).toString());
        }
    }

    /** The volume's root takes the owner and mode of the directory it is mounted over, as in Docker. */
    private static void copyAttributes(Path from, Path to) throws IOException {
        PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(a.owner());
        view.setGroup(a.group());
        view.setPermissions(a.permissions());
    }
}
