package berth.store;

import berth.common.BerthException;
import berth.common.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Blobs by digest under {@code <root>/blobs/sha256/<hex>}. A blob is written to a temp file in the same
 * directory while it is hashed, checked against the expected digest if one is given, fsynced, and renamed
 * to its name: a blob that exists under its name is always complete and correct.
 */
public final class ContentStore {
    private final Path dir;

    private ContentStore(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating) the store under {@code root} and removes temp files left by a crash. */
    public static ContentStore open(Path root) {
        Path dir = root.resolve("blobs").resolve("sha256");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw BerthException.fault("cannot create " + dir, e);
        }
        AtomicFiles.removeTemps(dir);
        return new ContentStore(dir);
    }

    /** Stores the stream's bytes and returns their digest. */
    public Digest ingest(InputStream in) {
        return ingest(in, Optional.empty());
    }

    /** Stores the stream's bytes; InvalidArgument (and nothing stored) when they do not match {@code expected}. */
    public Digest ingest(InputStream in, Optional<Digest> expected) {
        expected.ifPresent(ContentStore::requireSha256);
        try {
            Path tmp = Files.createTempFile(dir, AtomicFiles.TEMP_PREFIX, "");
            try {
                Digest actual = copyHashing(in, tmp);
                if (expected.isPresent() && !expected.get().equals(actual))
                    throw BerthException.invalid("digest mismatch: expected " + expected.get() + ", got " + actual);
                if (!Files.exists(path(actual))) AtomicFiles.rename(tmp, path(actual));
                return actual;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw BerthException.fault("cannot store blob", e);
        }
    }

    public Digest ingest(byte[] data) {
        return ingest(new java.io.ByteArrayInputStream(data));
    }

    private static Digest copyHashing(InputStream in, Path tmp) throws IOException {
        MessageDigest md = Digest.sha256Digest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
            in.transferTo(out);
        }
        AtomicFiles.fsync(tmp);
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    /** The blob's bytes. NotFound when absent. */
    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(path(digest));
        } catch (NoSuchFileException e) {
            throw BerthException.notFound("blob not found: " + digest);
        } catch (IOException e) {
            throw BerthException.fault("cannot read blob " + digest, e);
        }
    }

    public byte[] read(Digest digest) {
        try (InputStream in = open(digest)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw BerthException.fault("cannot read blob " + digest, e);
        }
    }

    public boolean exists(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    /** Size in bytes. NotFound when absent. */
    public long size(Digest digest) {
        try {
            return Files.size(path(digest));
        } catch (NoSuchFileException e) {
            throw BerthException.notFound("blob not found: " + digest);
        } catch (IOException e) {
            throw BerthException.fault("cannot stat blob " + digest, e);
        }
    }

    /** Deletes the blob; returns whether it existed. */
    public boolean delete(Digest digest) {
        try {
            return Files.deleteIfExists(path(digest));
        } catch (IOException e) {
            throw BerthException.fault("cannot delete blob " + digest, e);
        }
    }

    /** Every stored blob (for garbage collection by the store's owners). */
    public java.util.List<Digest> list() {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.length() == 64 && berth.common.Ids.isHexPrefix(name))
                    .map(hex -> new Digest("sha256", hex))
                    .toList();
        } catch (IOException e) {
            throw BerthException.fault("cannot list " + dir, e);
        }
    }

    /** Where the blob lives (whether or not it exists). */
    public Path path(Digest digest) {
        requireSha256(digest);
        return dir.resolve(digest.hex());
    }

    private static void requireSha256(Digest digest) {
        if (!digest.algorithm().equals("sha256"))
            throw BerthException.invalid("unsupported digest algorithm: " + digest.algorithm());
    }
}
