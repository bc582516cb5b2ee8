package berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a container's root filesystem the way the container would see it: symlinks,
 * absolute or relative, never lead outside the root (an image's /etc/passwd may be a link to anywhere).
 */
final class ScopedPath {
    private static final int MAX_LINKS = 40;

    private ScopedPath() {}

    static Path resolve(Path root, String containerPath) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, containerPath);
        Path current = Path.of("/");
        for (int links = 0; !todo.isEmpty(); ) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) { current = current.getParent() == null ? current : current.getParent(); continue; }
            Path candidate = current.resolve(part);
            Path onHost = onHost(root, candidate);
            if (!Files.isSymbolicLink(onHost)) { current = candidate; continue; }
            if (++links > MAX_LINKS) throw new IOException("too many levels of symbolic links: " + containerPath);
            String target = Files.readSymbolicLink(onHost).toString();
            if (target.startsWith("/")) current = Path.of("/");
            push(todo, target);
        }
        return onHost(root, current);
    }

    static boolean exists(Path root, String containerPath) {
        try {
            return Files.exists(resolve(root, containerPath), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path onHost(Path root, Path inContainer) {
        return root.resolve(Path.of("/").relativize(inContainer).toString());
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) todo.push(parts[i]);
    }
}
