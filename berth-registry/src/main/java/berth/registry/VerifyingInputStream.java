package berth.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes a blob while it is read and fails the read that reaches its end when the digest or the size is not
 * the expected one: a consumer that stores what it reads learns at the last read, before it commits.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final String expected;
    private final long expectedSize;
    private final MessageDigest md;
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, String digest, long expectedSize) {
        super(in);
        this.expected = digest;
        this.expectedSize = expectedSize;
        this.md = messageDigest(digest);
    }

    private static MessageDigest messageDigest(String digest) {
        String algorithm = switch (digest.substring(0, Math.max(0, digest.indexOf(':')))) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new RegistryException(0, "DIGEST_INVALID", "unsupported digest " + digest, null);
        };
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
            count += n;
            if (expectedSize >= 0 && count > expectedSize) throw mismatch("more bytes than the " + expectedSize + " expected");
        } else if (n < 0) {
            verify();
        }
        return n;
    }

    private void verify() throws IOException {
        if (verified) return;
        verified = true;
        String actual = expected.substring(0, expected.indexOf(':') + 1) + HexFormat.of().formatHex(md.digest());
        if (!actual.equals(expected)) throw mismatch("digest " + actual);
        if (expectedSize >= 0 && count != expectedSize) throw mismatch(count + " bytes, not " + expectedSize);
    }

    private DigestMismatchException mismatch(String what) {
        return new DigestMismatchException("blob " + expected + " does not match its digest: got " + what);
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int read = read(buf, 0, buf.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
