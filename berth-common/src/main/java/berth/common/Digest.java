package berth.common;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A content digest such as {@code sha256:9f86d0...}. Only sha256 is produced; sha512 is accepted. */
public record Digest(String algorithm, String hex) {

    public Digest {
        if (!algorithm.equals("sha256") && !algorithm.equals("sha512"))
            throw BerthException.invalid("unsupported digest algorithm: " + algorithm);
        int want = algorithm.equals("sha256") ? 64 : 128;
        if (hex.length() != want || !Ids.isHexPrefix(hex.length() > 64 ? hex.substring(0, 64) : hex))
            throw BerthException.invalid("invalid digest: " + algorithm + ":" + hex);
    }

    public static Digest parse(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) throw BerthException.invalid("invalid digest: " + s);
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    public static Digest sha256(byte[] data) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256Digest().digest(data)));
    }

    public static Digest sha256(InputStream in) throws IOException {
        MessageDigest md = sha256Digest();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
