package berth.network;

import berth.common.BerthException;
import java.util.HexFormat;

/** MAC addresses as Docker writes them: lower-case hex pairs joined by colons. */
public final class Mac {
    private static final HexFormat FORMAT = HexFormat.ofDelimiter(":");

    private Mac() {}

    /** Docker's classic choice: 02:42 and then the four bytes of the IP, so it is unique on its subnet. */
    public static String fromIp(Ipv4 ip) {
        byte[] ipBytes = ip.bytes();
        return FORMAT.formatHex(new byte[] {2, 0x42, ipBytes[0], ipBytes[1], ipBytes[2], ipBytes[3]});
    }

    /** Parses and validates a user's MAC address; Docker's message for a bad one. */
    public static byte[] parse(String mac) {
        if (!mac.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) throw BerthException.invalid(mac + " is not a valid mac address");
        byte[] b = FORMAT.parseHex(mac.toLowerCase());
        if ((b[0] & 1) != 0) throw BerthException.invalid(mac + " is a multicast mac address");
        return b;
    }

    public static String normalize(String mac) {
        return FORMAT.formatHex(parse(mac));
    }
}
