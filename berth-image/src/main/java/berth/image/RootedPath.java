package berth.image;

import berth.common.BerthException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Path resolution inside a root directory as if the root were "/": symlinks met on the way are followed
 * but kept in scope (an absolute target starts again at the root, {@code ..} stops at the root), so that
 * no name in a hostile layer can reach a file outside it.
 */
final class RootedPath {
    private static final int MAX_SYMLINKS = 40;

    private RootedPath() {}

    /** The components of an archive entry name, cleaned lexically; an absolute name counts from the root.
     * InvalidArgument when {@code ..} would climb above the root (Docker calls that a breakout). */
    static List<String> clean(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (!part.equals("..")) parts.add(part);
            else if (parts.isEmpty()) throw BerthException.invalid("invalid tar entry " + name + ": path escapes the layer");
            else parts.removeLast();
        }
        return List.copyOf(parts);
    }

    /** Lexical cleaning where {@code ..} stops at the root, as it does inside a container (no error). */
    static List<String> clamped(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (!part.equals("..")) parts.add(part);
            else if (!parts.isEmpty()) parts.removeLast();
        }
        return List.copyOf(parts);
    }

    /** Resolves every component, following symlinks in scope. The result is inside {@code root}; its
     * trailing components may not exist yet. */
    static Path resolve(Path root, List<String> components) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components);
        Path current = root;
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!current.equals(root)) current = current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (!Files.isSymbolicLink(next)) {
                current = next;
                continue;
            }
            if (++hops > MAX_SYMLINKS) throw BerthException.invalid("too many levels of symbolic links: " + next);
            String target = Files.readSymbolicLink(next).toString();
            if (target.startsWith("/")) current = root;
            List<String> targetParts = List.of(target.split("/"));
            for (int i = targetParts.size() - 1; i >= 0; i--) todo.addFirst(targetParts.get(i));
        }
        return current;
    }
}
