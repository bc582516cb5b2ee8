package berth.image;

import java.nio.file.Path;
import java.util.List;

/**
 * A container's root filesystem: the image's unpacked layers (top first, as overlayfs wants lowerdir),
 * the container's own upper and work directories, and the directory where the overlay is mounted.
 */
public record Snapshot(String containerId, List<Path> lowerDirs, Path upperDir, Path workDir, Path mergedDir) {
    public Snapshot {
        lowerDirs = List.copyOf(lowerDirs);
    }
}
