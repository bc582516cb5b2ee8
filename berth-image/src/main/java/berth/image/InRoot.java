package berth.image;

import berth.common.BerthException;
import berth.sys.Os;
import berth.sys.OsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A directory tree seen as a container sees it: paths are resolved below the root as if it were "/" —
 * absolute symlinks start again at the root, {@code ..} stops there. The kernel does it
 * (openat2 RESOLVE_IN_ROOT), so a container process that swaps a directory for a symlink while berth looks
 * cannot lead berth out. On kernels without openat2 the same walk is done here, one component at a time
 * from held descriptors, never following a symlink the kernel would see; both give the same answers.
 */
final class InRoot implements AutoCloseable {
    private static final int MAX_LINKS = 40;
    private static volatile boolean kernelLacksOpenat2;
    private final Os os;
    private final Fd root;
    private final boolean useKernel;

    private InRoot(Os os, Fd root, boolean useKernel) {
        this.os = os;
        this.root = root;
        this.useKernel = useKernel;
    }

    static InRoot open(Path dir, Os os) {
        return open(dir, os, true);
    }

    /** {@code useKernel = false} forces the walk done here (tests compare both). */
    static InRoot open(Path dir, Os os, boolean useKernel) {
        try {
            return new InRoot(os, new Fd(os, os.open(dir, Os.O_PATH | Os.O_DIRECTORY)), useKernel);
        } catch (OsException e) {
            throw BerthException.fault("cannot open the root filesystem " + dir, e);
        }
    }

    Fd root() {
        return root;
    }

    /**
     * Opens {@code path} (O_PATH plus {@code flags}), every symlink followed in scope; with O_NOFOLLOW the
     * last one is opened itself. Empty when a component is missing or not a directory.
     */
    Optional<Fd> find(String path, int flags) {
        String p = path.isEmpty() ? "." : path;
        if (useKernel && !kernelLacksOpenat2) {
            try {
                return Optional.of(new Fd(os, os.openInRoot(root.fd(), p, Os.O_PATH | flags)));
            } catch (OsException e) {
                if (e.errno() != OsException.ENOSYS) return absent(e, path);
                kernelLacksOpenat2 = true;
            }
        }
        try {
            return walk(p, flags, false).fd();
        } catch (OsException e) {
            return absent(e, path);
        }
    }

    /** Where {@code path} leads inside the root, every symlink followed ("/" + components); components
     * that do not exist are kept as written. Docker's linkTarget of a path stat. */
    String resolvedName(String path) {
        try {
            Walk w = walk(path, 0, true);
            w.fd().ifPresent(Fd::close);
            return "/" + String.join("/", w.names());
        } catch (OsException e) {
            return "/" + String.join("/", RootedPath.clamped(path));
        }
    }

    private static Optional<Fd> absent(OsException e, String path) {
        return switch (e.errno()) {
            case OsException.ENOENT, OsException.ENOTDIR -> Optional.empty();
            case OsException.ELOOP -> throw BerthException.invalid("too many levels of symbolic links: " + path);
            default -> throw BerthException.fault("cannot open " + path + " in the container", e);
        };
    }

    private record Walk(Optional<Fd> fd, List<String> names) {}

    /** The walk by hand: a stack of held directories, names looked up in them with lstat, links read and
     * their targets pushed back onto the work list. {@code lexicalTail}: a missing component ends the walk
     * with the rest appended as written instead of failing. */
    private Walk walk(String path, int flags, boolean lexicalTail) {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/", -1)));
        Deque<Fd> held = new ArrayDeque<>();
        List<String> names = new ArrayList<>();
        held.push(reopen(root));
        int links = 0;
        try {
            while (!todo.isEmpty()) {
                String part = todo.pollFirst();
                if (part.isEmpty() || part.equals(".")) continue;
                if (part.equals("..")) {
                    if (held.size() > 1) {
                        held.pop().close();
                        names.removeLast();
                    }
                    continue;
                }
                Fd dir = held.peek();
                Optional<Stat> st = dir.lstat(part);
                boolean last = todo.isEmpty();
                if (st.isEmpty()) {
                    if (!lexicalTail) throw new OsException("open", path, OsException.ENOENT, "No such file or directory");
                    names.add(part);
                    todo.forEach(names::add);
                    return new Walk(Optional.empty(), RootedPath.clamped(String.join("/", names)));
                }
                if (st.get().isSymlink() && (!last || (flags & Os.O_NOFOLLOW) == 0)) {
                    if (++links > MAX_LINKS) throw new OsException("open", path, OsException.ELOOP, "Too many levels of symbolic links");
                    String target = Files.readSymbolicLink(dir.child(part)).toString();
                    List<String> parts = List.of(target.split("/", -1));
                    for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
                    if (target.startsWith("/")) {
                        while (held.size() > 1) held.pop().close();
                        names.clear();
                    }
                    continue;
                }
                names.add(part);
                if (last) return new Walk(Optional.of(new Fd(os, os.open(dir.child(part), Os.O_PATH | Os.O_NOFOLLOW | flags))), names);
                held.push(dir.openDir(part));
            }
            return new Walk(Optional.of(held.pop()), names); // the path ended at a directory
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.forEach(Fd::close);
        }
    }

    private Fd reopen(Fd fd) {
        return new Fd(os, os.open(fd.path(), Os.O_PATH | Os.O_DIRECTORY));
    }

    @Override
    public void close() {
        root.close();
    }
}
