package berth.store;

import berth.common.BerthException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that a crash cannot tear: data goes to a temp file beside the target, is fsynced, renamed over the
 * target, and the directory is fsynced so that the rename itself is durable. A reader sees the old file or
 * the new one, never half of one.
 */
public final class AtomicFiles {
    /** Prefix of temp names: anything starting with it is garbage after a crash and may be removed. */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {}

    public static void write(Path target, byte[] data) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, TEMP_PREFIX, "");
            try {
                Files.write(tmp, data);
                fsync(tmp);
                rename(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw BerthException.fault("cannot write " + target, e);
        }
    }

    /** Renames {@code source} to {@code target} atomically (replacing it) and fsyncs the target's directory. */
    public static void rename(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsync(target.toAbsolutePath().getParent());
    }

    /** fsync(2) of a file or directory (a directory's fsync makes entries created or renamed in it durable). */
    public static void fsync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Removes the temp files a crash left directly in {@code dir}. */
    public static void removeTemps(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try (var entries = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path p : entries) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            throw BerthException.fault("cannot clean " + dir, e);
        }
    }
}
