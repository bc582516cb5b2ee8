package berth.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What lstat(2) says about one file, with the numbers a tar header and Docker's path stat need. */
record Stat(int mode, int uid, int gid, long size, Instant mtime, long rdev, long dev, long ino, int nlink) {
    static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFREG = 0100000, S_IFLNK = 0120000,
            S_IFCHR = 0020000, S_IFBLK = 0060000, S_IFIFO = 0010000, S_IFSOCK = 0140000;

    /** lstat of {@code path}: its last component is never followed. Empty when it does not exist. */
    static Optional<Stat> lstat(Path path) throws IOException {
        try {
            return Optional.of(of(Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** stat of what a descriptor is open on ({@code /proc/self/fd/N}: the magic link leads to the inode
     * itself; a descriptor of a symlink reports the link). */
    static Stat of(Fd fd) throws IOException {
        return of(Files.readAttributes(fd.path(), "unix:*"));
    }

    private static Stat of(Map<String, Object> a) {
        return new Stat((int) a.get("mode"), (int) a.get("uid"), (int) a.get("gid"), (long) a.get("size"),
                ((FileTime) a.get("lastModifiedTime")).toInstant(), (long) a.get("rdev"), (long) a.get("dev"),
                (long) a.get("ino"), (int) a.get("nlink"));
    }

    int type() { return mode & S_IFMT; }

    int permissions() { return mode & 07777; }

    boolean isDirectory() { return type() == S_IFDIR; }

    boolean isRegular() { return type() == S_IFREG; }

    boolean isSymlink() { return type() == S_IFLNK; }

    /** An overlayfs whiteout: a character device 0:0 in an upper directory. */
    boolean isWhiteout() { return type() == S_IFCHR && rdev == 0; }

    int major() { return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)); }

    int minor() { return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)); }

    /** Go's os.FileMode bits, as Docker's X-Docker-Container-Path-Stat carries them. */
    long goFileMode() {
        long m = mode & 0777;
        m |= switch (type()) {
            case S_IFDIR -> 1L << 31;
            case S_IFLNK -> 1L << 27;
            case S_IFBLK -> 1L << 26;
            case S_IFCHR -> (1L << 26) | (1L << 21);
            case S_IFIFO -> 1L << 25;
            case S_IFSOCK -> 1L << 24;
            default -> 0L;
        };
        if ((mode & 04000) != 0) m |= 1L << 23;
        if ((mode & 02000) != 0) m |= 1L << 22;
        if ((mode & 01000) != 0) m |= 1L << 20;
        return m;
    }
}
