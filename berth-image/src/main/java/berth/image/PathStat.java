package berth.image;

import java.time.Instant;

/**
 * Docker's stat of a path in a container ({@code X-Docker-Container-Path-Stat}): the base name as asked,
 * size, Go's FileMode bits, modification time, and for a symlink the path it leads to inside the container.
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
    /** Go's os.ModeDir. */
    public static final long MODE_DIR = 1L << 31;
    /** Go's os.ModeSymlink. */
    public static final long MODE_SYMLINK = 1L << 27;

    public boolean isDirectory() {
        return (mode & MODE_DIR) != 0;
    }
}
