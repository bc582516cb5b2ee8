package berth.image;

import berth.sys.Os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Looks a path up in a stack of unpacked layers (top first) as overlayfs would: the topmost layer that has
 * it wins; a whiteout, a non-directory on the way, or an opaque directory on the way hides what is below.
 * Components are checked one by one with lstat, so a symlink in an image layer is never followed out of
 * it.
 */
final class LowerLayers {
    private LowerLayers() {}

    static Optional<Stat> lookup(List<Path> layers, String path, Os os) throws IOException {
        List<String> parts = RootedPath.clamped(path);
        for (Path layer : layers) {
            Lookup found = lookup(layer, parts, os);
            switch (found) {
                case Lookup.Found f -> { return Optional.of(f.stat()); }
                case Lookup.Hidden h -> { return Optional.empty(); }
                case Lookup.Absent a -> { }
            }
        }
        return Optional.empty();
    }

    private sealed interface Lookup {
        record Found(Stat stat) implements Lookup {}
        record Hidden() implements Lookup {}
        record Absent() implements Lookup {}
    }

    private static Lookup lookup(Path layer, List<String> parts, Os os) throws IOException {
        Path current = layer;
        boolean opaqueOnTheWay = false;
        for (int i = 0; i < parts.size(); i++) {
            current = current.resolve(parts.get(i));
            Optional<Stat> st = Stat.lstat(current);
            if (st.isEmpty()) return opaqueOnTheWay ? new Lookup.Hidden() : new Lookup.Absent();
            if (st.get().isWhiteout()) return new Lookup.Hidden();
            if (i == parts.size() - 1) return new Lookup.Found(st.get());
            if (!st.get().isDirectory()) return new Lookup.Hidden();
            opaqueOnTheWay |= os.getXattr(current, TreeArchiver.OPAQUE_XATTR).isPresent();
        }
        return new Lookup.Absent();
    }
}
