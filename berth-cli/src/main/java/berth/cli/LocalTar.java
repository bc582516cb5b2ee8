package berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar of a local file or directory for docker cp: entries named from the source's base name ("dir/",
 * "dir/a"; "./a" for a source ending in "/."), renamed by the copy plan. Symlinks are stored as links,
 * never followed; a file with several names is stored once, then as hard links; sockets are skipped.
 */
final class LocalTar {
    private final TarArchiveOutputStream tar;
    private final UnaryOperator<String> rename;
    private final Map<Object, String> seen = new HashMap<>();

    private LocalTar(OutputStream out, UnaryOperator<String> rename) {
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        this.rename = rename;
    }

    /** Writes the tar of {@code source} (a path as docker cp resolved it) and finishes the archive. */
    static void write(String source, String rebaseName, UnaryOperator<String> rename, OutputStream out) throws IOException {
        String[] split = GoPaths.splitDirEntry(source);
        String name = rebaseName.isEmpty() ? split[1] : rebaseName;
        LocalTar t = new LocalTar(out, rename);
        t.add(Path.of(split[0]).resolve(split[1]), name.equals("/") ? "" : name, true);
        t.tar.finish();
        t.tar.flush();
    }

    private void add(Path file, String entryName, boolean top) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (int) a.get("mode");
        switch (mode & 0170000) {
            case 0040000 -> {
                put(header(entryName + "/", TarConstants.LF_DIR, a));
                List<Path> children = new ArrayList<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(file)) {
                    entries.forEach(children::add);
                }
                children.sort(null);
                for (Path child : children) add(child, entryName + "/" + child.getFileName(), false);
            }
            case 0100000 -> regular(file, entryName, a);
            case 0120000 -> {
                TarArchiveEntry e = header(entryName, TarConstants.LF_SYMLINK, a);
                e.setLinkName(Files.readSymbolicLink(file).toString());
                put(e);
            }
            case 0010000 -> put(header(entryName, TarConstants.LF_FIFO, a));
            case 0020000, 0060000 -> device(entryName, a, (mode & 0170000) == 0020000);
            default -> { } // sockets
        }
    }

    private void regular(Path file, String entryName, Map<String, Object> a) throws IOException {
        Object inode = a.get("dev") + ":" + a.get("ino");
        if ((int) a.get("nlink") > 1 && seen.containsKey(inode)) {
            TarArchiveEntry e = header(entryName, TarConstants.LF_LINK, a);
            e.setLinkName(rename.apply(seen.get(inode)));
            put(e);
            return;
        }
        if ((int) a.get("nlink") > 1) seen.put(inode, entryName);
        TarArchiveEntry e = header(entryName, TarConstants.LF_NORMAL, a);
        e.setSize((long) a.get("size"));
        tar.putArchiveEntry(e);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            long copied = in.transferTo(tar);
            if (copied != (long) a.get("size")) throw new IOException(file + " changed while it was copied");
        }
        tar.closeArchiveEntry();
    }

    private void device(String entryName, Map<String, Object> a, boolean character) throws IOException {
        TarArchiveEntry e = header(entryName, character ? TarConstants.LF_CHR : TarConstants.LF_BLK, a);
        long rdev = (long) a.get("rdev");
        e.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
        e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
        put(e);
    }

    private TarArchiveEntry header(String entryName, byte flag, Map<String, Object> a) {
        TarArchiveEntry e = new TarArchiveEntry(rename.apply(entryName), flag, true);
        e.setMode((int) a.get("mode"));
        e.setUserId((int) a.get("uid"));
        e.setGroupId((int) a.get("gid"));
        e.setModTime((FileTime) a.get("lastModifiedTime"));
        return e;
    }

    private void put(TarArchiveEntry e) throws IOException {
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }
}
