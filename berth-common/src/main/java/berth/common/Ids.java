package berth.common;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Docker-style identifiers: 64 lowercase hex characters, shown truncated to 12. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int SHORT = 12;

    private Ids() {}

    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() <= SHORT ? hex : hex.substring(0, SHORT);
    }

    public static boolean isHexPrefix(String s) {
        if (s.isEmpty() || s.length() > 64) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }
}
