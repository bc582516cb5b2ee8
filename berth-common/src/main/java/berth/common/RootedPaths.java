package berth.common;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Paths inside a root directory as if the root were "/", the way a container sees its filesystem: symlinks
 * met on the way are followed but kept in scope (an absolute target starts again at the root, {@code ..}
 * stops there), so no name in a hostile layer or image can reach a file outside it. Shared by layer
 * extraction, user lookup in a rootfs and the CLI's local untar. (Reads links: the one bit of I/O here.)
 */
public final class RootedPaths {
    public static final int MAX_SYMLINKS = 40;

    private RootedPaths() {}

    /** The components of an archive entry name, cleaned lexically (an absolute name counts from the root);
     * {@code breakout} is thrown when {@code ..} would climb above the root. */
    public static List<String> clean(String name, Supplier<? extends RuntimeException> breakout) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (!part.equals("..")) parts.add(part);
            else if (parts.isEmpty()) throw breakout.get();
            else parts.removeLast();
        }
        return List.copyOf(parts);
    }

    /** Lexical cleaning where {@code ..} stops at the root, as it does inside a container (no error). */
    public static List<String> clamped(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (!part.equals("..")) parts.add(part);
            else if (!parts.isEmpty()) parts.removeLast();
        }
        return List.copyOf(parts);
    }

    /** Resolves a path as the container would (see the class comment). The result is inside {@code root};
     * its trailing components may not exist yet. */
    public static Path resolve(Path root, String path) throws IOException {
        return resolve(root, List.of(path.split("/")));
    }

    /** As {@link #resolve(Path, String)}, for components; throws FileSystemLoopException after
     * {@value #MAX_SYMLINKS} links. */
    public static Path resolve(Path root, List<String> components) throws IOException {
        return resolve(root, components, step -> {});
    }

    /** Called with each path the resolution is about to step onto that is not a link (it may not exist). */
    @FunctionalInterface
    public interface Step {
        void onto(Path path) throws IOException;
    }

    /** As {@link #resolve(Path, List)}, calling {@code step} before each step onto a path that is not a
     * link: where an extraction makes the directories it needs. */
    public static Path resolve(Path root, List<String> components, Step step) throws IOException {
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
                step.onto(next);
                current = next;
                continue;
            }
            if (++hops > MAX_SYMLINKS) throw new FileSystemLoopException("too many levels of symbolic links: " + next);
            String target = Files.readSymbolicLink(next).toString();
            if (target.startsWith("/")) current = root;
            String[] targetParts = target.split("/");
            for (int i = targetParts.length - 1; i >= 0; i--) todo.addFirst(targetParts[i]);
        }
        return current;
    }
}
