package berth.image;

import berth.sys.Os;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a tar of a tree reached through descriptors ({@link Fd}): each directory is opened below its
 * parent without following symlinks, each file is opened as the entry it is (O_PATH), checked, then read
 * through its descriptor. A tree that a running container changes meanwhile yields a tar of some mix of
 * old and new, never of a file outside the tree. Sockets are skipped, as Docker skips them. In
 * {@link Mode#LAYER} overlayfs whiteouts become {@code .wh.NAME} files and opaque directories get a
 * {@code .wh..wh..opq} entry: the layer format of image archives.
 */
final class TreeArchiver {
    enum Mode { PLAIN, LAYER }

    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private final TarArchiveOutputStream tar;
    private final Os os;
    private final Mode mode;
    private final Map<String, String> firstLinkNames = new HashMap<>();
    private final byte[] buffer = new byte[64 * 1024];
    private final Optional<berth.common.IdMapping> ids;

    TreeArchiver(OutputStream out, Os os, Mode mode) {
        this(out, os, mode, Optional.empty());
    }

    /** With {@code ids}, owners within the map's host ranges are written as the container ids they stand for. */
    TreeArchiver(OutputStream out, Os os, Mode mode, Optional<berth.common.IdMapping> ids) {
        this.ids = ids;
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        this.os = os;
        this.mode = mode;
    }

    /** Adds {@code dir/name} as {@code entryName} (a directory with what is below it). {@code name} may be
     * "." for {@code dir} itself. An entry that vanished meanwhile is left out. */
    void add(Fd dir, String name, String entryName) throws IOException {
        Optional<Stat> st = dir.lstat(name);
        if (st.isPresent()) add(dir, name, st.get(), entryName);
    }

    /** Adds what is in {@code dir}, each entry named {@code prefix + name}. */
    void addChildren(Fd dir, String prefix) throws IOException {
        for (String name : dir.names()) add(dir, name, prefix + name);
    }

    /** Writes the end of the archive; the stream stays open. */
    void finish() throws IOException {
        tar.finish();
        tar.flush();
    }

    private void add(Fd dir, String name, Stat st, String entryName) throws IOException {
        if (mode == Mode.LAYER && st.isWhiteout()) {
            int slash = entryName.lastIndexOf('/');
            empty(entryName.substring(0, slash + 1) + ".wh." + entryName.substring(slash + 1), st);
            return;
        }
        switch (st.type()) {
            case Stat.S_IFDIR -> directory(dir, name, st, entryName);
            case Stat.S_IFREG -> regular(dir, name, st, entryName);
            case Stat.S_IFLNK -> header(entryName, TarConstants.LF_SYMLINK, st,
                    Files.readSymbolicLink(dir.child(name)).toString());
            case Stat.S_IFCHR -> device(entryName, TarConstants.LF_CHR, st);
            case Stat.S_IFBLK -> device(entryName, TarConstants.LF_BLK, st);
            case Stat.S_IFIFO -> header(entryName, TarConstants.LF_FIFO, st, "");
            default -> { } // sockets cannot be archived
        }
    }

    private void directory(Fd dir, String name, Stat st, String entryName) throws IOException {
        try (Fd sub = dir.openDir(name)) {
            String prefix = entryName + "/";
            header(prefix, TarConstants.LF_DIR, st, "");
            if (mode == Mode.LAYER && os.getXattr(dir.child(name), OPAQUE_XATTR).filter(v -> v.length == 1 && v[0] == 'y').isPresent())
                empty(prefix + ".wh..wh..opq", st);
            addChildren(sub, prefix);
        } catch (berth.sys.OsException e) {
            if (e.errno() != berth.sys.OsException.ENOENT) throw e; // removed meanwhile
        }
    }

    /** Content read through a descriptor of the entry itself; a file seen twice (hard links) is stored
     * once, later names as links to the first. */
    private void regular(Fd dir, String name, Stat st, String entryName) throws IOException {
        String inode = st.dev() + ":" + st.ino();
        if (st.nlink() > 1 && firstLinkNames.containsKey(inode)) {
            header(entryName, TarConstants.LF_LINK, st, firstLinkNames.get(inode));
            return;
        }
        try (Fd file = dir.openEntry(name)) {
            Stat now = file.stat();
            if (!now.isRegular() || now.ino() != st.ino()) return; // replaced meanwhile: not this file any more
            if (st.nlink() > 1) firstLinkNames.put(inode, entryName);
            TarArchiveEntry e = entry(entryName, TarConstants.LF_NORMAL, st);
            e.setSize(st.size());
            tar.putArchiveEntry(e);
            try (InputStream in = Files.newInputStream(file.path())) {
                copy(in, st.size());
            }
            tar.closeArchiveEntry();
        } catch (berth.sys.OsException e) {
            if (e.errno() != berth.sys.OsException.ENOENT) throw e;
        }
    }

    /** Exactly {@code size} bytes: a file that shrank meanwhile is padded, one that grew is cut. */
    private void copy(InputStream in, long size) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) break;
            tar.write(buffer, 0, n);
            left -= n;
        }
        java.util.Arrays.fill(buffer, (byte) 0);
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            tar.write(buffer, 0, n);
            left -= n;
        }
    }

    private void device(String entryName, byte flag, Stat st) throws IOException {
        TarArchiveEntry e = entry(entryName, flag, st);
        e.setDevMajor(st.major());
        e.setDevMinor(st.minor());
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private void empty(String entryName, Stat st) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(entryName, TarConstants.LF_NORMAL, true);
        e.setMode(0100600);
        e.setModTime(FileTime.from(st.mtime()));
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private void header(String entryName, byte flag, Stat st, String link) throws IOException {
        TarArchiveEntry e = entry(entryName, flag, st);
        if (!link.isEmpty()) e.setLinkName(link);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private TarArchiveEntry entry(String entryName, byte flag, Stat st) {
        TarArchiveEntry e = new TarArchiveEntry(entryName, flag, true); // names as given: "/" and "./" kept
        e.setMode(st.mode());
        e.setUserId(ids.map(m -> m.uidInside(st.uid())).orElse((long) st.uid()));
        e.setGroupId(ids.map(m -> m.gidInside(st.gid())).orElse((long) st.gid()));
        e.setModTime(FileTime.from(st.mtime()));
        return e;
    }
}
