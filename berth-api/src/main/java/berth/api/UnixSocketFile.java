package berth.api;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A unix socket file that nobody outside root and its group can ever connect to. The JVM cannot set a
 * umask, so a socket bound in place would exist with the umask's mode until chmod; instead it is bound in
 * a private (0700) directory beside the target, given its group and 0660 there, and renamed into place.
 */
final class UnixSocketFile {
    /** sun_path holds 108 bytes with the terminating NUL. */
    private static final int MAX_PATH = 107;

    private final Path path;
    private final Optional<GroupPrincipal> group;
    private final Optional<Path> staging;

    private UnixSocketFile(Path path, Optional<GroupPrincipal> group, Optional<Path> staging) {
        this.path = path;
        this.group = group;
        this.staging = staging;
    }

    /** Makes the parent (0711 when new: a group-shared socket's directory must be traversable), drops a stale socket. */
    static UnixSocketFile prepare(Path socket, Optional<GroupPrincipal> group) throws IOException {
        Path path = socket.toAbsolutePath();
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Files.deleteIfExists(path);
        Path dir = parent.resolve(".sock-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)));
        if (dir.resolve("s").toString().length() > MAX_PATH) {
            return new UnixSocketFile(path, group, Optional.empty()); // too long to stage: bound in place
        }
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new UnixSocketFile(path, group, Optional.of(dir));
    }

    Path path() {
        return path;
    }

    /** Where to bind: the staging name, or the target itself. */
    Path bindPath() {
        return staging.map(d -> d.resolve("s")).orElse(path);
    }

    /** After the bind: group and 0660, then the rename that makes the socket reachable. */
    void publish() throws IOException {
        Path bound = bindPath();
        if (group.isPresent()) {
            Files.getFileAttributeView(bound, PosixFileAttributeView.class).setGroup(group.get());
        }
        Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-rw----"));
        if (staging.isEmpty()) return;
        try {
            Files.move(bound, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename the socket into " + path + ": " + e.getMessage(), e);
        }
        Files.delete(staging.get());
    }

    /** Removes the socket and any staging directory left by a failed start. */
    void delete() {
        try {
            Files.deleteIfExists(path);
            if (staging.isPresent()) {
                Files.deleteIfExists(staging.get().resolve("s"));
                Files.deleteIfExists(staging.get());
            }
        } catch (IOException ignored) {
            // best effort at shutdown; a stale socket is replaced at the next start
        }
    }
}
