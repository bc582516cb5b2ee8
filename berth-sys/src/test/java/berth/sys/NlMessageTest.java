package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NlMessageTest {

    @Test
    void headerLengthSequenceAndAlignedAttributes() {
        byte[] b = new NlMessage(NlMessage.RTM_NEWLINK, NlMessage.NLM_F_REQUEST | NlMessage.NLM_F_ACK)
                .ifinfo(0, 7, 1, 1).attr(NlMessage.IFLA_IFNAME, "eth0").bytes(42);
        ByteBuffer m = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertThat(m.getInt(0)).isEqualTo(b.length).isEqualTo(16 + 16 + 12); // "eth0\0" is 5 bytes, padded to 8
        assertThat(m.getShort(4)).isEqualTo((short) 16);
        assertThat(m.getShort(6)).isEqualTo((short) 5);
        assertThat(m.getInt(8)).isEqualTo(42);
        assertThat(m.getInt(20)).isEqualTo(7);
        assertThat(m.getShort(32)).isEqualTo((short) 9);
        assertThat(NlMessage.stringAttr(m, NlMessage.findAttr(m, 32, b.length, NlMessage.IFLA_IFNAME))).isEqualTo("eth0");
    }

    @Test
    void nestsCarryTheirWholeLength() {
        byte[] b = new NlMessage(NlMessage.RTM_NEWLINK, 1).ifinfo(0, 0, 0, 0)
                .begin(NlMessage.IFLA_LINKINFO).attr(NlMessage.IFLA_INFO_KIND, "veth")
                .begin(NlMessage.IFLA_INFO_DATA).attr(1, 5).end().end().bytes(1);
        ByteBuffer m = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int linkinfo = NlMessage.findAttr(m, 32, b.length, NlMessage.IFLA_LINKINFO);
        assertThat(m.getShort(linkinfo - 4)).isEqualTo((short) (4 + 12 + 12)); // kind "veth\0" 9->12, data 4+8
        int data = NlMessage.findAttr(m, linkinfo, b.length, NlMessage.IFLA_INFO_DATA);
        assertThat(m.getInt(data + 4)).isEqualTo(5);
    }
}
