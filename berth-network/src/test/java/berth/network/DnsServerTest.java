package berth.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded DNS server on loopback: its own names answered, the rest relayed to an upstream, as sent. */
class DnsServerTest {

    static byte[] query(int id, String name, int type) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(12).putShort((short) id).putShort((short) 0x0100).putShort((short) 1).array());
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes());
        }
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putShort((short) type).putShort((short) 1).array());
        return out.toByteArray();
    }

    static byte[] ask(int port, byte[] query) throws Exception {
        try (var s = new DatagramSocket()) {
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
            var buf = new byte[512];
            var p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return java.util.Arrays.copyOf(buf, p.getLength());
        }
    }

    @Test
    void answersItsNamesAndRelaysTheRest() throws Exception {
        try (var upstream = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> { // a fake upstream: answers every query with its own bytes and QR set
                try {
                    var buf = new byte[512];
                    var p = new DatagramPacket(buf, buf.length);
                    upstream.receive(p);
                    buf[2] |= (byte) 0x80;
                    upstream.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
                } catch (Exception ignored) {
                    // closed
                }
            });
            var up = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.getLocalPort());
            try (var dns = DnsServer.start(Ipv4.parse("127.0.0.1"), 0,
                    (name, client) -> name.equals("web") ? List.of(Ipv4.parse("10.1.0.2"), Ipv4.parse("10.1.0.3")) : List.of(),
                    () -> List.of(up))) {
                byte[] a = ask(dns.port(), query(7, "WEB", DnsMessage.TYPE_A));
                ByteBuffer b = ByteBuffer.wrap(a);
                assertThat(b.getShort(0)).isEqualTo((short) 7);
                assertThat(b.getShort(2) & 0x800f).isEqualTo(0x8000); // a response, NOERROR
                assertThat(b.getShort(6)).isEqualTo((short) 2);
                assertThat(java.util.Arrays.copyOfRange(a, a.length - 4, a.length)).containsExactly(10, 1, 0, 3);

                byte[] aaaa = ask(dns.port(), query(8, "web", DnsMessage.TYPE_AAAA));
                assertThat(ByteBuffer.wrap(aaaa).getShort(6)).isZero();

                byte[] relayed = ask(dns.port(), query(9, "deb.debian.org", DnsMessage.TYPE_A));
                assertThat(ByteBuffer.wrap(relayed).getShort(0)).isEqualTo((short) 9);
                assertThat(relayed.length).isEqualTo(query(9, "deb.debian.org", 1).length);
            }
        }
    }

    @Test
    void parsesQuestionsAndIgnoresAnswers() {
        byte[] q = query(1, "a.b.example", DnsMessage.TYPE_A);
        var parsed = DnsMessage.parse(q, q.length).orElseThrow();
        assertThat(parsed.name()).isEqualTo("a.b.example");
        assertThat(parsed.type()).isEqualTo(1);
        assertThat(parsed.end()).isEqualTo(q.length);
        q[2] |= (byte) 0x80;
        assertThat(DnsMessage.parse(q, q.length)).isEmpty();
        assertThat(DnsMessage.parse(new byte[5], 5)).isEmpty();
    }
}
