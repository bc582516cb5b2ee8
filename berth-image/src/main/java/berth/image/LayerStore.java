package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.store.AtomicFiles;
import berth.sys.Os;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Unpacked layers under {@code overlay/<chain-id-hex>/diff}, one directory per chain ID, shared by every
 * image that stacks the same layers. A layer is unpacked into {@code overlay/.tmp-*} and renamed into place
 * when complete, so a directory under its chain ID is always whole; temp directories are garbage.
 */
final class LayerStore {
    /** The lower directory of images without layers (overlayfs needs at least one). */
    static final String EMPTY = "empty";
    private final Path dir;
    private final LayerApplier applier;
    private final Os os;

    LayerStore(Path dir, Os os) {
        this.dir = dir;
        this.os = os;
        this.applier = new LayerApplier(os);
    }

    /** A layer unpacked into a temp directory, not yet in place. */
    record Unpacked(Path tempDir, String diffId, long size) {}

    /** chainID(L0) = diffID(L0); chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln)). */
    static String chainId(String parentChainId, String diffId) {
        if (parentChainId.isEmpty()) return diffId;
        return Digest.sha256((parentChainId + " " + diffId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Chain IDs of a stack of diff IDs, bottom first. */
    static List<String> chainIds(List<String> diffIds) {
        var chains = new java.util.ArrayList<String>(diffIds.size());
        String parent = "";
        for (String diffId : diffIds) chains.add(parent = chainId(parent, diffId));
        return chains;
    }

    Path diffDir(String chainId) {
        return dir.resolve(hex(chainId)).resolve("diff");
    }

    boolean exists(String chainId) {
        return Files.isDirectory(diffDir(chainId));
    }

    /** Unpacks a (possibly compressed) layer tar into a temp directory, hashing the uncompressed tar. */
    Unpacked unpack(InputStream layer) {
        Path temp = newTempDir();
        try (InputStream plain = Compression.decompressed(layer)) {
            MessageDigest md = Digest.sha256Digest();
            DigestInputStream hashing = new DigestInputStream(plain, md);
            long size = applier.apply(hashing, Files.createDirectory(temp.resolve("diff")));
            hashing.transferTo(OutputStream.nullOutputStream()); // the diff ID covers the tar's padding too
            return new Unpacked(temp, "sha256:" + HexFormat.of().formatHex(md.digest()), size);
        } catch (IOException | RuntimeException e) {
            discard(temp);
            if (e instanceof BerthException be) throw be;
            throw new BerthException.InvalidArgument("invalid layer archive: " + e.getMessage(), e);
        }
    }

    /** Moves an unpacked layer into place under its chain ID (or drops it when already there). */
    void commit(Unpacked unpacked, String chainId) {
        if (exists(chainId)) {
            discard(unpacked.tempDir());
            return;
        }
        try {
            os.syncFilesystem(unpacked.tempDir()); // the files themselves, before the rename makes them count
            AtomicFiles.rename(unpacked.tempDir(), dir.resolve(hex(chainId)));
        } catch (IOException e) {
            discard(unpacked.tempDir());
            throw BerthException.fault("cannot store layer " + chainId, e);
        }
    }

    void discard(Path tempDir) {
        delete(tempDir);
    }

    void delete(String chainId) {
        delete(dir.resolve(hex(chainId)));
    }

    /** The lower directory for images without layers, created on demand. */
    Path emptyLayer() {
        Path empty = dir.resolve(EMPTY).resolve("diff");
        try {
            return Files.createDirectories(empty);
        } catch (IOException e) {
            throw BerthException.fault("cannot create " + empty, e);
        }
    }

    /** Removes temp directories and every directory whose name is not in {@code keep} (crash leftovers). */
    void collectGarbage(Set<String> keep) {
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (!keep.contains(name) && !name.equals(EMPTY)) delete(p);
            }
        } catch (IOException e) {
            throw BerthException.fault("cannot clean " + dir, e);
        }
    }

    private Path newTempDir() {
        try {
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, AtomicFiles.TEMP_PREFIX);
        } catch (IOException e) {
            throw BerthException.fault("cannot create a temp directory in " + dir, e);
        }
    }

    private static void delete(Path path) {
        try {
            Trees.deleteRecursively(path);
        } catch (IOException e) {
            throw BerthException.fault("cannot delete " + path, e);
        }
    }

    static String hex(String digest) {
        return digest.startsWith("sha256:") ? digest.substring(7) : digest;
    }
}
