package berth.image;

import berth.common.BerthException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image archive (docker save or OCI layout) spread into a temp directory, because its index files may
 * come after the blobs they name. Files are stored under numbered names, never under the archive's own
 * names, so a hostile archive cannot write anywhere; links inside the archive become aliases.
 */
final class StagedArchive implements AutoCloseable {
    private static final int MAX_ALIAS_HOPS = 16;
    private final Path dir;
    private final Map<String, Path> files = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();

    private StagedArchive(Path dir) {
        this.dir = dir;
    }

    static StagedArchive extract(InputStream archive, Path tmpRoot) {
        StagedArchive staged = create(tmpRoot);
        try (InputStream plain = Compression.decompressed(archive)) {
            TarArchiveInputStream tar = new TarArchiveInputStream(plain);
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) staged.add(tar, e);
            return staged;
        } catch (IOException | RuntimeException e) {
            staged.close();
            if (e instanceof BerthException be) throw be;
            throw new BerthException.InvalidArgument("invalid image archive: " + e.getMessage(), e);
        }
    }

    private static StagedArchive create(Path tmpRoot) {
        try {
            Files.createDirectories(tmpRoot);
            return new StagedArchive(Files.createTempDirectory(tmpRoot, "load-"));
        } catch (IOException e) {
            throw BerthException.fault("cannot create a staging directory in " + tmpRoot, e);
        }
    }

    private void add(InputStream data, TarArchiveEntry e) throws IOException {
        String name = name(e.getName());
        if (e.isSymbolicLink()) aliases.put(name, symlinkTarget(name, e.getLinkName()));
        else if (e.isLink()) aliases.put(name, name(e.getLinkName()));
        else if (e.isFile()) {
            Path file = dir.resolve(Integer.toString(files.size()));
            Files.copy(data, file);
            files.put(name, file);
        }
    }

    private static String name(String entryName) {
        return String.join("/", RootedPath.clean(entryName));
    }

    private static String symlinkTarget(String name, String target) {
        int slash = name.lastIndexOf('/');
        String base = target.startsWith("/") || slash < 0 ? "" : name.substring(0, slash + 1);
        return name(base + target);
    }

    boolean has(String name) {
        return find(name) != null;
    }

    InputStream open(String name) {
        Path file = find(name);
        if (file == null) throw BerthException.invalid("invalid image archive: " + name + " is missing");
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw BerthException.fault("cannot read staged " + name, e);
        }
    }

    byte[] read(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw BerthException.fault("cannot read staged " + name, e);
        }
    }

    private Path find(String name) {
        String current = name(name);
        for (int hops = 0; hops <= MAX_ALIAS_HOPS; hops++) {
            Path file = files.get(current);
            if (file != null) return file;
            current = aliases.get(current);
            if (current == null) return null;
        }
        return null;
    }

    List<String> names() {
        return List.copyOf(files.keySet());
    }

    @Override
    public void close() {
        try {
            Trees.deleteRecursively(dir);
        } catch (IOException e) {
            throw BerthException.fault("cannot delete " + dir, e);
        }
    }
}
