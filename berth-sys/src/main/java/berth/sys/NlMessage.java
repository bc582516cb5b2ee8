package berth.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds one rtnetlink request: the netlink header, a fixed family header (ifinfomsg, ifaddrmsg, rtmsg) and
 * attributes, nested as the kernel expects (length-prefixed, 4-byte aligned, in host byte order).
 */
final class NlMessage {
    static final int NLM_F_REQUEST = 1, NLM_F_ACK = 4, NLM_F_DUMP = 0x300, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;
    static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;
    static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_SETLINK = 19, RTM_NEWADDR = 20, RTM_NEWROUTE = 24;
    static final int AF_UNSPEC = 0, AF_INET = 2, AF_BRIDGE = 7;
    static final int NLA_F_NESTED = 0x8000, IFLA_PROTINFO = 12, IFLA_BRPORT_MODE = 4;
    static final int IFF_UP = 1;
    static final int IFLA_ADDRESS = 1, IFLA_IFNAME = 3, IFLA_MASTER = 10, IFLA_LINKINFO = 18, IFLA_NET_NS_FD = 28;
    static final int IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2, VETH_INFO_PEER = 1;
    static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_BROADCAST = 4;
    static final int RTA_OIF = 4, RTA_GATEWAY = 5;
    static final int RT_TABLE_MAIN = 254, RTPROT_BOOT = 3, RT_SCOPE_UNIVERSE = 0, RTN_UNICAST = 1;
    static final int HEADER = 16;

    private final ByteBuffer buf = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
    private final Deque<Integer> nests = new ArrayDeque<>();

    NlMessage(int type, int flags) {
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
    }

    /** struct ifinfomsg. */
    NlMessage ifinfo(int family, int index, int flags, int change) {
        buf.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        return this;
    }

    /** struct ifaddrmsg. */
    NlMessage ifaddr(int family, int prefix, int scope, int index) {
        buf.put((byte) family).put((byte) prefix).put((byte) 0).put((byte) scope).putInt(index);
        return this;
    }

    /** struct rtmsg for a unicast route in the main table. */
    NlMessage rtmsg(int family, int dstLen) {
        buf.put((byte) family).put((byte) dstLen).put((byte) 0).put((byte) 0).put((byte) RT_TABLE_MAIN)
                .put((byte) RTPROT_BOOT).put((byte) RT_SCOPE_UNIVERSE).put((byte) RTN_UNICAST).putInt(0);
        return this;
    }

    NlMessage attr(int type, byte[] data) {
        int len = 4 + data.length;
        buf.putShort((short) len).putShort((short) type).put(data);
        pad();
        return this;
    }

    NlMessage attrByte(int type, int value) {
        return attr(type, new byte[] {(byte) value});
    }

    NlMessage attr(int type, int value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A NUL-terminated string attribute (IFLA_IFNAME, IFLA_INFO_KIND). */
    NlMessage attr(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        return attr(type, z);
    }

    NlMessage begin(int type) {
        nests.push(buf.position());
        buf.putShort((short) 0).putShort((short) type);
        return this;
    }

    NlMessage end() {
        int start = nests.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    /** The finished message with its length and sequence number filled in. */
    byte[] bytes(int seq) {
        if (!nests.isEmpty()) throw new IllegalStateException("unclosed attribute nest");
        buf.putInt(0, buf.position());
        buf.putInt(8, seq);
        byte[] out = new byte[buf.position()];
        buf.get(0, out);
        return out;
    }

    private void pad() {
        while (buf.position() % 4 != 0) buf.put((byte) 0);
    }

    /** Finds attribute {@code type} among the attributes in {@code msg} from {@code offset}; -1 if absent,
     * else the position of its payload. */
    static int findAttr(ByteBuffer msg, int offset, int end, int type) {
        int pos = offset;
        while (pos + 4 <= end) {
            int len = Short.toUnsignedInt(msg.getShort(pos));
            int t = Short.toUnsignedInt(msg.getShort(pos + 2)) & 0x3fff;
            if (len < 4) return -1;
            if (t == type) return pos + 4;
            pos += (len + 3) & ~3;
        }
        return -1;
    }

    /** A NUL-terminated string attribute's value. */
    static String stringAttr(ByteBuffer msg, int payload) {
        int len = Short.toUnsignedInt(msg.getShort(payload - 4)) - 4;
        int n = 0;
        while (n < len && msg.get(payload + n) != 0) n++;
        byte[] b = new byte[n];
        msg.get(payload, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
