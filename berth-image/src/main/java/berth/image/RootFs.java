package berth.image;

import berth.common.BerthException;
import berth.sys.Os;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A container's root filesystem (its mounted overlay) as the archive endpoints use it: stat, a tar of a
 * path, extraction of a tar into a directory, a tar of everything. Every path is the container's, resolved
 * by {@link InRoot}; nothing outside the root is ever read or written, whatever symlinks the container has
 * or makes meanwhile. Not found is {@link BerthException.NotFound}; a non-directory destination of an
 * extraction is {@link BerthException.InvalidArgument} ("extraction point is not a directory").
 */
public final class RootFs implements AutoCloseable {
    private final InRoot root;
    private final Os os;
    private final java.util.Optional<berth.common.IdMapping> ids;

    private RootFs(InRoot root, Os os, java.util.Optional<berth.common.IdMapping> ids) {
        this.root = root;
        this.os = os;
        this.ids = ids;
    }

    /** Holds {@code dir} open: later changes of what is mounted there do not affect this view. */
    public static RootFs open(Path dir, Os os) {
        return open(dir, os, java.util.Optional.empty());
    }

    /** As {@link #open(Path, Os)} for a remapped container: archives carry its ids, extraction writes the host's. */
    public static RootFs open(Path dir, Os os, java.util.Optional<berth.common.IdMapping> ids) {
        return new RootFs(InRoot.open(dir, os), os, ids);
    }

    /** Docker's stat of {@code path}: its last component is not followed (a symlink is described, with
     * where it leads), unless the path ends with "/" or "/.". */
    public PathStat stat(String path) {
        try (Target t = target(DockerPath.of(path))) {
            return t.stat();
        }
    }

    /**
     * A tar of {@code path}: first its stat goes to {@code open}, which returns where the tar goes (so a
     * response can carry the stat in its headers). Entries are named as Docker names them: the base name
     * asked for, then what is below ("dir/", "dir/a"); "." for a path ending in "/.", "/" for the root.
     */
    public void archive(String path, Function<PathStat, OutputStream> open) {
        DockerPath p = DockerPath.of(path);
        try (Target t = target(p)) {
            TreeArchiver tar = new TreeArchiver(open.apply(t.stat()), os, TreeArchiver.Mode.PLAIN, ids);
            tar.add(t.dir(), t.name(), p.goBase().equals("/") ? "" : p.goBase());
            tar.finish();
        } catch (IOException e) {
            throw BerthException.fault("cannot archive " + path + ": " + e.getMessage(), e);
        }
    }

    /** Extracts {@code tar} into the directory {@code path} (every symlink on the way followed, in the
     * root); see {@link TarExtractor} for the rules. */
    public void extract(String path, InputStream tar, boolean noOverwriteDirNonDir, boolean keepOwners) {
        DockerPath p = DockerPath.of(path);
        try (Fd dest = root.find(p.absolute(), 0).orElseThrow(() -> notFound(path))) {
            if (!dest.stat().isDirectory()) throw BerthException.invalid("extraction point is not a directory");
            String resolved = root.resolvedName(p.absolute());
            new TarExtractor(root, os, resolved, new TarExtractor.Options(noOverwriteDirNonDir, keepOwners, ids)).extract(tar);
        } catch (IOException e) {
            throw new BerthException.InvalidArgument("cannot extract the archive into " + path + ": " + e.getMessage(), e);
        }
    }

    /** A tar of the whole tree, names relative to the root ("bin/", "bin/sh"), as {@code docker export}. */
    public void export(OutputStream out) {
        try {
            TreeArchiver tar = new TreeArchiver(out, os, TreeArchiver.Mode.PLAIN, ids);
            tar.addChildren(root.root(), "");
            tar.finish();
        } catch (IOException e) {
            throw BerthException.fault("cannot export: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        root.close();
    }

    /** The directory holding the entry, the entry's name in it ("." for the directory itself), its stat. */
    private record Target(Fd dir, String name, PathStat stat) implements AutoCloseable {
        @Override
        public void close() {
            dir.close();
        }
    }

    private Target target(DockerPath p) {
        boolean itself = p.namesDirectoryItself();
        Fd dir = root.find(itself ? p.absolute() : p.dir(), Os.O_DIRECTORY).orElseThrow(() -> notFound(p.absolute()));
        try {
            String name = itself ? "." : p.base();
            Stat st = dir.lstat(name).orElseThrow(() -> notFound(p.absolute()));
            String link = st.isSymlink() ? root.resolvedName(p.absolute()) : "";
            return new Target(dir, name, new PathStat(p.goBase(), st.size(), st.goFileMode(), st.mtime(), link));
        } catch (IOException | RuntimeException e) {
            dir.close();
            if (e instanceof RuntimeException re) throw re;
            throw BerthException.fault("cannot stat " + p.absolute() + ": " + e.getMessage(), e);
        }
    }

    private static BerthException.NotFound notFound(String path) {
        return BerthException.notFound("no such file or directory: " + path);
    }
}
