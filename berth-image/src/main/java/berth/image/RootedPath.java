package berth.image;

import berth.common.BerthException;

import berth.common.RootedPaths;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Path;
import java.util.List;

/** {@link RootedPaths} with the image layer's errors: a breakout or a link loop is an InvalidArgument. */
final class RootedPath {
    private RootedPath() {}

    /** The components of an archive entry name; InvalidArgument when {@code ..} climbs above the root
     * (Docker calls that a breakout). */
    static List<String> clean(String name) {
        return RootedPaths.clean(name, () -> BerthException.invalid("invalid tar entry " + name + ": path escapes the layer"));
    }

    static List<String> clamped(String path) {
        return RootedPaths.clamped(path);
    }

    static Path resolve(Path root, List<String> components) throws IOException {
        try {
            return RootedPaths.resolve(root, components);
        } catch (FileSystemLoopException e) {
            throw BerthException.invalid(e.getMessage());
        }
    }
}
