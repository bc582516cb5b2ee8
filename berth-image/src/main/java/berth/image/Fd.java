package berth.image;

import berth.common.BerthException;
import berth.sys.Os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory (or file) berth holds open. Names below a directory descriptor are looked up in that very
 * directory through {@code /proc/self/fd/N/name}: renaming or replacing a component above it, or a symlink
 * where a directory was, cannot redirect the lookup elsewhere. Child names are single components.
 */
record Fd(Os os, int fd) implements AutoCloseable {

    Path path() {
        return Os.fdPath(fd);
    }

    Path child(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".."))
            throw new IllegalArgumentException("not a single path component: " + name);
        return path().resolve(name);
    }

    Optional<Stat> lstat(String name) throws IOException {
        return Stat.lstat(child(name));
    }

    Stat stat() throws IOException {
        return Stat.of(this);
    }

    /** A subdirectory, never through a symlink (ENOTDIR / ELOOP if it is one now). */
    Fd openDir(String name) {
        return new Fd(os, os.open(child(name), Os.O_PATH | Os.O_DIRECTORY | Os.O_NOFOLLOW));
    }

    /** A handle on the entry itself (a symlink is not followed); read it through {@link #path()} after
     * checking with {@link #stat()} what it is. O_PATH: opening it has no side effect, even on a device. */
    Fd openEntry(String name) {
        return new Fd(os, os.open(child(name), Os.O_PATH | Os.O_NOFOLLOW));
    }

    /** The names in this directory, sorted (so archives and diffs come out in a stable order). */
    List<String> names() throws IOException {
        try (Stream<Path> entries = Files.list(path())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() {
        try {
            os.close(fd);
        } catch (RuntimeException e) {
            throw BerthException.fault("cannot close descriptor " + fd, e);
        }
    }
}
