package berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts an archive from a container into a local directory (docker cp CONTAINER:SRC DEST). The archive
 * is the container's and may be hostile: names are cleaned and must stay below the directory; symlinks
 * met on the way (made by the archive or already there) are followed as if the directory were "/", so no
 * entry lands outside it; a symlink entry may not climb above it by ".."; a hard link must name an entry
 * below it. Existing directories are merged, other entries replaced; a directory never replaces a file nor
 * the other way. Owners are left to the user running the copy; devices are skipped (no mknod here).
 */
final class LocalUntar {
    private final Path root;
    private final UnaryOperator<String> rename;
    private final List<TarArchiveEntry> dirs = new ArrayList<>();
    private final List<Path> dirPaths = new ArrayList<>();

    private LocalUntar(Path root, UnaryOperator<String> rename) {
        this.root = root;
        this.rename = rename;
    }

    static void extract(InputStream in, Path dir, UnaryOperator<String> rename) throws IOException {
        LocalUntar untar = new LocalUntar(dir, rename);
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) untar.entry(tar, e);
        for (int i = untar.dirs.size() - 1; i >= 0; i--) untar.setTime(untar.dirPaths.get(i), untar.dirs.get(i));
    }

    private void entry(InputStream data, TarArchiveEntry e) throws IOException {
        String name = rename.apply(e.getName());
        List<String> parts = clean(name);
        if (parts.isEmpty()) return; // the directory itself
        Path parent = resolve(parts.subList(0, parts.size() - 1), true);
        Path target = parent.resolve(parts.getLast());
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        boolean wasDir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && wasDir != e.isDirectory())
            throw new CliException(1, "cannot overwrite " + (wasDir ? "directory" : "non-directory") + " \"" + target
                    + "\" with " + (wasDir ? "non-directory" : "directory") + " \"" + name + "\"");
        if (exists && !wasDir) Files.delete(target);
        create(data, e, parts, target);
        if (e.isLink() || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return;
        if (!e.isSymbolicLink()) Files.setAttribute(target, "unix:mode", e.getMode() & 07777);
        if (e.isDirectory()) {
            dirs.add(e);
            dirPaths.add(target);
        } else {
            setTime(target, e);
        }
    }

    private void create(InputStream data, TarArchiveEntry e, List<String> parts, Path target) throws IOException {
        if (e.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(target);
        } else if (e.isSymbolicLink()) {
            if (!e.getLinkName().startsWith("/")) {
                List<String> up = new ArrayList<>(parts.subList(0, parts.size() - 1));
                up.add(e.getLinkName());
                clean(String.join("/", up), "invalid symlink \"" + e.getName() + "\" -> \"" + e.getLinkName() + "\"");
            }
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
            List<String> source = clean(rename.apply(e.getLinkName()));
            if (source.isEmpty()) throw new CliException(1, "invalid hard link " + e.getName());
            Path from = resolve(source.subList(0, source.size() - 1), false).resolve(source.getLast());
            Files.createLink(target, from);
        } else if (e.isFile()) {
            Files.copy(data, target);
        } // devices and FIFOs: skipped
    }

    /** Cleans a name; ".." above the directory is a breakout, as docker calls it. */
    private List<String> clean(String name) {
        return clean(name, "invalid tar entry \"" + name + "\": it is outside of \"" + root + "\"");
    }

    private static List<String> clean(String name, String breakout) {
        return berth.common.RootedPaths.clean(name, () -> new CliException(1, breakout));
    }

    /** Follows the components below the directory as if it were "/", making missing ones when asked. */
    private Path resolve(List<String> components, boolean make) throws IOException {
        try {
            return berth.common.RootedPaths.resolve(root, components, next -> {
                if (make) makeDirectory(next);
            });
        } catch (java.nio.file.FileSystemLoopException e) {
            throw new CliException(1, e.getMessage());
        }
    }

    private static void makeDirectory(Path next) throws IOException {
        if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(next);
                Files.setAttribute(next, "unix:mode", 0755);
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile: fine if it is a directory, checked below
            }
        }
        if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS))
            throw new CliException(1, "cannot extract into " + next + ": not a directory");
    }

    private static void setTime(Path target, TarArchiveEntry e) throws IOException {
        FileTime time = FileTime.from(e.getLastModifiedTime().toInstant());
        Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(time, null, null);
    }
}
