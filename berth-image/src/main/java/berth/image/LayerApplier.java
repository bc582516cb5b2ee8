package berth.image;

import berth.common.BerthException;
import berth.sys.Os;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpacks one layer tar into an (empty) directory, turning Docker/AUFS whiteouts into overlayfs ones:
 * {@code .wh.name} becomes a 0:0 character device, {@code .wh..wh..opq} the {@code trusted.overlay.opaque}
 * attribute of its directory. Every name is resolved with {@link RootedPath}: nothing outside the
 * directory is ever created, changed or read. Owners, modes and times are kept; we run as root.
 */
final class LayerApplier {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Os os;

    LayerApplier(Os os) {
        this.os = os;
    }

    /** Applies the tar to {@code root}; returns the bytes of regular files written. */
    long apply(InputStream tarStream, Path root) throws IOException {
        List<DirTime> dirTimes = new ArrayList<>();
        long size = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) size += applyEntry(tar, e, root, dirTimes);
        // Directory times last: creating children would change them again.
        for (DirTime d : dirTimes.reversed()) setMtime(d.dir(), d.time());
        return size;
    }

    private record DirTime(Path dir, FileTime time) {}

    private long applyEntry(InputStream data, TarArchiveEntry e, Path root, List<DirTime> dirTimes) throws IOException {
        List<String> parts = RootedPath.clean(e.getName());
        if (parts.isEmpty()) return 0; // "./": the layer root itself keeps its own attributes
        String base = parts.getLast();
        Path parent = RootedPath.resolve(root, parts.subList(0, parts.size() - 1));
        Files.createDirectories(parent);
        if (base.startsWith(WHITEOUT)) return applyWhiteout(parent, base);
        Path target = parent.resolve(base);
        if (e.isDirectory()) {
            if (!Files.isDirectory(target, NOFOLLOW)) replace(target, () -> Files.createDirectory(target));
            dirTimes.add(new DirTime(target, FileTime.from(e.getLastModifiedTime().toInstant())));
            applyOwnerAndMode(target, e);
            return 0;
        }
        replace(target, () -> create(data, e, root, target));
        if (e.isLink()) return 0; // a hard link shares its target's attributes
        applyOwnerAndMode(target, e);
        setMtime(target, FileTime.from(e.getLastModifiedTime().toInstant()));
        return e.isFile() ? e.getSize() : 0;
    }

    private long applyWhiteout(Path parent, String base) throws IOException {
        if (base.equals(OPAQUE)) {
            os.setXattr(parent, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        } else if (!base.startsWith(WHITEOUT + WHITEOUT)) { // other .wh..wh. names are AUFS bookkeeping
            Path hidden = parent.resolve(base.substring(WHITEOUT.length()));
            replace(hidden, () -> os.mknod(hidden, Os.S_IFCHR, Os.makedev(0, 0)));
        }
        return 0;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Removes whatever is at {@code target} (never following it), then creates the new entry. */
    private static void replace(Path target, IoAction create) throws IOException {
        Trees.deleteRecursively(target);
        create.run();
    }

    private void create(InputStream data, TarArchiveEntry e, Path root, Path target) throws IOException {
        int perm = e.getMode() & 07777;
        if (e.isSymbolicLink()) Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        else if (e.isLink()) Files.createLink(target, hardLinkTarget(root, e));
        else if (e.isCharacterDevice()) os.mknod(target, Os.S_IFCHR | perm, Os.makedev(e.getDevMajor(), e.getDevMinor()));
        else if (e.isBlockDevice()) os.mknod(target, Os.S_IFBLK | perm, Os.makedev(e.getDevMajor(), e.getDevMinor()));
        else if (e.isFIFO()) os.mknod(target, Os.S_IFIFO | perm, 0);
        else if (e.isFile()) Files.copy(data, target);
        else throw BerthException.invalid("unsupported tar entry type " + (char) e.getLinkFlag() + ": " + e.getName());
    }

    /** The file a hard link names, inside the layer: it must exist and must not be a directory. */
    private static Path hardLinkTarget(Path root, TarArchiveEntry e) throws IOException {
        List<String> parts = RootedPath.clean(e.getLinkName());
        if (parts.isEmpty()) throw BerthException.invalid("invalid hard link " + e.getName() + " -> " + e.getLinkName());
        Path source = RootedPath.resolve(root, parts.subList(0, parts.size() - 1)).resolve(parts.getLast());
        if (!Files.exists(source, NOFOLLOW) || Files.isDirectory(source, NOFOLLOW))
            throw BerthException.invalid("invalid hard link " + e.getName() + " -> " + e.getLinkName());
        return source;
    }

    private static void applyOwnerAndMode(Path target, TarArchiveEntry e) throws IOException {
        // chown first: it clears setuid/setgid bits that chmod then restores.
        Files.setAttribute(target, "unix:uid", (int) e.getLongUserId(), NOFOLLOW);
        Files.setAttribute(target, "unix:gid", (int) e.getLongGroupId(), NOFOLLOW);
        // Following is safe: target is not a symlink, and the NOFOLLOW variant open()s the file (a FIFO blocks).
        if (!e.isSymbolicLink()) Files.setAttribute(target, "unix:mode", e.getMode() & 07777);
    }

    private void setMtime(Path target, FileTime time) {
        os.setTimes(target, time.toInstant());
    }
}
