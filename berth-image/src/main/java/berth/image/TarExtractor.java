package berth.image;

import berth.common.BerthException;
import berth.sys.Os;
import berth.sys.OsException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extracts a tar into a directory of a container ({@code PUT /containers/{id}/archive}), with Docker's
 * rules: entry names are cleaned and must stay below the destination; parents missing are made (0755);
 * an existing entry is replaced unless both are directories (then merged); symlink entries may not point
 * above the destination by {@code ..}; hard links name entries below it. Every parent directory is found
 * with {@link InRoot} (symlinks inside the container are followed, in scope), and every change is made by
 * name below that held directory: creating files with O_EXCL, never following a last component. Modes are
 * set through a descriptor of the entry checked not to be a symlink. Owners are root unless
 * {@code keepOwners} (docker cp -a).
 */
final class TarExtractor {
    /** {@code noOverwriteDirNonDir}: refuse to replace a directory by a non-directory and the other way. */
    /** {@code ids}: a remapped container's map; owners are written as the host ids they stand for. */
    record Options(boolean noOverwriteDirNonDir, boolean keepOwners, java.util.Optional<berth.common.IdMapping> ids) {
        Options(boolean noOverwriteDirNonDir, boolean keepOwners) {
            this(noOverwriteDirNonDir, keepOwners, java.util.Optional.empty());
        }
    }

    private record DirTime(List<String> parts, Instant time) {}

    private final InRoot root;
    private final Os os;
    private final String dest;
    private final Options options;
    private final List<DirTime> dirTimes = new ArrayList<>();
    private String cachedParent;
    private Fd cachedParentFd;

    /** {@code dest}: the destination directory, already resolved: a path inside the root. */
    TarExtractor(InRoot root, Os os, String dest, Options options) {
        this.root = root;
        this.os = os;
        this.dest = dest;
        this.options = options;
    }

    void extract(InputStream in) throws IOException {
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) entry(tar, e);
            for (DirTime d : dirTimes.reversed()) setTime(d.parts(), d.time());
        } finally {
            forgetParent();
        }
    }

    private void entry(InputStream data, TarArchiveEntry e) throws IOException {
        List<String> parts = RootedPath.clean(e.getName());
        if (parts.isEmpty()) return; // "." is the destination itself: it keeps its own attributes
        String base = parts.getLast();
        List<String> parentParts = parts.subList(0, parts.size() - 1);
        Fd parent = parent(parentParts);
        Optional<Stat> existing = parent.lstat(base);
        if (existing.isPresent()) {
            boolean wasDir = existing.get().isDirectory();
            if (options.noOverwriteDirNonDir() && wasDir != e.isDirectory())
                throw BerthException.invalid("cannot overwrite " + (wasDir ? "directory" : "non-directory") + " \""
                        + display(parts) + "\" with " + (wasDir ? "non-directory" : "directory"));
            if (!(wasDir && e.isDirectory())) deleteTree(parent, base);
        }
        create(data, e, parent, base, parentParts);
        if (e.isLink()) return; // a hard link shares its target's attributes
        applyAttributes(parent, base, e);
        if (e.isDirectory()) dirTimes.add(new DirTime(parts, e.getLastModifiedTime().toInstant()));
        else os.setTimes(parent.child(base), e.getLastModifiedTime().toInstant());
    }

    private void create(InputStream data, TarArchiveEntry e, Fd parent, String base, List<String> parentParts)
            throws IOException {
        Path target = parent.child(base);
        int perm = e.getMode() & 07777;
        if (e.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(target);
        } else if (e.isSymbolicLink()) {
            checkLinkTarget(e, parentParts);
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
            hardLink(e, target);
        } else if (e.isCharacterDevice()) {
            os.mknod(target, Os.S_IFCHR | perm, Os.makedev(e.getDevMajor(), e.getDevMinor()));
        } else if (e.isBlockDevice()) {
            os.mknod(target, Os.S_IFBLK | perm, Os.makedev(e.getDevMajor(), e.getDevMinor()));
        } else if (e.isFIFO()) {
            os.mknod(target, Os.S_IFIFO | perm, 0);
        } else if (e.isFile()) {
            Files.copy(data, target); // O_CREAT|O_EXCL: never through a symlink put there meanwhile
        } else {
            throw BerthException.invalid("unsupported tar entry type " + (char) e.getLinkFlag() + ": " + e.getName());
        }
    }

    /** Docker refuses a symlink whose relative target climbs above the destination directory. */
    private static void checkLinkTarget(TarArchiveEntry e, List<String> parentParts) {
        if (e.getLinkName().startsWith("/")) return;
        try {
            RootedPath.clean(String.join("/", parentParts) + "/" + e.getLinkName());
        } catch (BerthException.InvalidArgument escapes) {
            throw BerthException.invalid("invalid symlink \"" + e.getName() + "\" -> \"" + e.getLinkName()
                    + "\": it points outside the destination");
        }
    }

    private void hardLink(TarArchiveEntry e, Path target) throws IOException {
        List<String> parts = RootedPath.clean(e.getLinkName());
        if (parts.isEmpty()) throw BerthException.invalid("invalid hard link " + e.getName() + " -> " + e.getLinkName());
        String name = parts.getLast();
        try (Fd dir = root.find(inDest(parts.subList(0, parts.size() - 1)), Os.O_DIRECTORY)
                .orElseThrow(() -> missingLinkTarget(e))) {
            Optional<Stat> st = dir.lstat(name);
            if (st.isEmpty() || st.get().isDirectory()) throw missingLinkTarget(e);
            // link(2) does not follow the source's last component: at worst it links a symlink.
            Files.createLink(target, dir.child(name));
        }
    }

    private static BerthException missingLinkTarget(TarArchiveEntry e) {
        return BerthException.invalid("invalid hard link " + e.getName() + " -> " + e.getLinkName());
    }

    private void applyAttributes(Fd parent, String base, TarArchiveEntry e) throws IOException {
        Path target = parent.child(base);
        long containerUid = options.keepOwners() ? e.getLongUserId() : 0;
        long containerGid = options.keepOwners() ? e.getLongGroupId() : 0;
        int uid, gid;
        try {
            uid = (int) (long) options.ids().map(m -> m.uidOutside(containerUid)).orElse(containerUid);
            gid = (int) (long) options.ids().map(m -> m.gidOutside(containerGid)).orElse(containerGid);
        } catch (IllegalArgumentException unmapped) {
            throw BerthException.invalid(unmapped.getMessage());
        }
        // lchown first (it clears setuid bits the mode then restores); NOFOLLOW: a swapped-in link changes itself
        Files.setAttribute(target, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        if (e.isSymbolicLink()) return;
        try (Fd entry = parent.openEntry(base)) {
            // chmod follows; through the descriptor it reaches exactly the entry made, and only if no link
            if (!entry.stat().isSymlink()) Files.setAttribute(entry.path(), "unix:mode", e.getMode() & 07777);
        }
    }

    /** The parent directory of an entry, made if missing; held open while entries go into it. */
    private Fd parent(List<String> parentParts) throws IOException {
        String key = String.join("/", parentParts);
        if (cachedParentFd != null && key.equals(cachedParent)) return cachedParentFd;
        forgetParent();
        Fd dir = root.find(inDest(parentParts), Os.O_DIRECTORY).orElse(null);
        if (dir == null) dir = makeParents(parentParts);
        cachedParent = key;
        cachedParentFd = dir;
        return dir;
    }

    private Fd makeParents(List<String> parentParts) throws IOException {
        Fd current = root.find(dest, Os.O_DIRECTORY)
                .orElseThrow(() -> BerthException.notFound("the destination " + dest + " is gone"));
        try {
            for (int i = 0; i < parentParts.size(); i++) {
                Optional<Fd> next = root.find(inDest(parentParts.subList(0, i + 1)), Os.O_DIRECTORY);
                Fd dir = next.isPresent() ? next.get() : makeDir(current, parentParts.subList(0, i + 1));
                current.close();
                current = dir;
            }
            return current;
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    /** mkdir, then chmod 0755 through a descriptor of the directory made (not by name: a link may be
     * there by then). */
    private static Fd makeDir(Fd parent, List<String> parts) throws IOException {
        String name = parts.getLast();
        try {
            Files.createDirectory(parent.child(name));
        } catch (FileAlreadyExistsException e) {
            throw BerthException.invalid("cannot make directory " + display(parts) + ": a non-directory is in the way");
        }
        Fd dir = parent.openDir(name);
        Files.setAttribute(dir.path(), "unix:mode", 0755);
        return dir;
    }

    private void forgetParent() {
        if (cachedParentFd != null) cachedParentFd.close();
        cachedParentFd = null;
        cachedParent = null;
    }

    private String inDest(List<String> parts) {
        return dest + "/" + String.join("/", parts);
    }

    private void setTime(List<String> parts, Instant time) {
        Optional<Fd> dir = root.find(inDest(parts.subList(0, parts.size() - 1)), Os.O_DIRECTORY);
        dir.ifPresent(d -> {
            try (d) {
                os.setTimes(d.child(parts.getLast()), time);
            } catch (OsException gone) {
                // removed by a later entry or by the container: nothing to date
            }
        });
    }

    /** Removes an entry and, for a directory, everything below it, each step by name in a held directory. */
    static void deleteTree(Fd parent, String name) throws IOException {
        Optional<Stat> st = parent.lstat(name);
        if (st.isEmpty()) return;
        if (st.get().isDirectory()) {
            try (Fd dir = parent.openDir(name)) {
                for (String child : dir.names()) deleteTree(dir, child);
            }
        }
        Files.deleteIfExists(parent.child(name));
    }

    private static String display(List<String> parts) {
        return "/" + String.join("/", parts);
    }
}
