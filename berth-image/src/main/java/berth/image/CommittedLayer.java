package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.sys.Os;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A container's writable layer as a layer tar in a temp file (deleted on close), with its diff ID:
 * whiteouts as {@code .wh.NAME}, opaque directories with {@code .wh..wh..opq}, names relative to the root.
 */
final class CommittedLayer implements AutoCloseable {
    private final Path file;
    private final String diffId;

    private CommittedLayer(Path file, String diffId) {
        this.file = file;
        this.diffId = diffId;
    }

    static CommittedLayer write(Path upperDir, Path tmpRoot, Os os) {
        return write(upperDir, tmpRoot, os, java.util.Optional.empty());
    }

    /** With a remapped container's id map, host ids in the writable layer are written as the container's. */
    static CommittedLayer write(Path upperDir, Path tmpRoot, Os os, java.util.Optional<berth.common.IdMapping> ids) {
        Path file = tempFile(tmpRoot);
        MessageDigest md = Digest.sha256Digest();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), md);
             InRoot upper = InRoot.open(upperDir, os)) {
            TreeArchiver tar = new TreeArchiver(out, os, TreeArchiver.Mode.LAYER, ids);
            tar.addChildren(upper.root(), "");
            tar.finish();
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof BerthException be) throw be;
            throw BerthException.fault("cannot write the layer of " + upperDir + ": " + e.getMessage(), e);
        }
        return new CommittedLayer(file, "sha256:" + HexFormat.of().formatHex(md.digest()));
    }

    String diffId() {
        return diffId;
    }

    InputStream open() {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw BerthException.fault("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        delete(file);
    }

    private static Path tempFile(Path tmpRoot) {
        try {
            Files.createDirectories(tmpRoot);
            return Files.createTempFile(tmpRoot, "commit-", ".tar");
        } catch (IOException e) {
            throw BerthException.fault("cannot create a temp file in " + tmpRoot, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw BerthException.fault("cannot delete " + file, e);
        }
    }
}
