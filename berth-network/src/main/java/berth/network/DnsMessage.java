package berth.network;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The little of DNS (RFC 1035) the embedded server needs: read a query's first question, write an answer
 * with A records, or an empty one.
 */
final class DnsMessage {
    static final int TYPE_A = 1, TYPE_AAAA = 28, CLASS_IN = 1, TTL = 600;
    private static final int HEADER = 12, FLAG_QR = 0x8000, FLAG_RD = 0x0100, FLAG_RA = 0x0080;

    private DnsMessage() {}

    /** A query's first question: the name (lower case, no trailing dot), its type, and where it ends. */
    record Question(int id, int flags, String name, int type, int qclass, int end) {}

    static Optional<Question> parse(byte[] packet, int length) {
        try {
            ByteBuffer b = ByteBuffer.wrap(packet, 0, length);
            int id = Short.toUnsignedInt(b.getShort());
            int flags = Short.toUnsignedInt(b.getShort());
            int questions = Short.toUnsignedInt(b.getShort());
            if ((flags & FLAG_QR) != 0 || questions < 1) return Optional.empty();
            b.position(HEADER);
            StringBuilder name = new StringBuilder();
            for (int len = Byte.toUnsignedInt(b.get()); len != 0; len = Byte.toUnsignedInt(b.get())) {
                if (len > 63) return Optional.empty(); // compression in a question: not from a resolver
                byte[] label = new byte[len];
                b.get(label);
                if (!name.isEmpty()) name.append('.');
                name.append(new String(label, StandardCharsets.US_ASCII));
            }
            int type = Short.toUnsignedInt(b.getShort());
            int qclass = Short.toUnsignedInt(b.getShort());
            return Optional.of(new Question(id, flags, name.toString().toLowerCase(Locale.ROOT), type, qclass, b.position()));
        } catch (BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    /** The answer to {@code q} (asked in {@code packet}) with one A record per address; none is NOERROR, empty. */
    static byte[] answer(byte[] packet, Question q, List<Ipv4> addresses) {
        int questionLength = q.end() - HEADER;
        ByteBuffer b = ByteBuffer.allocate(HEADER + questionLength + addresses.size() * 16);
        b.putShort((short) q.id()).putShort((short) (FLAG_QR | (q.flags() & FLAG_RD) | FLAG_RA))
                .putShort((short) 1).putShort((short) addresses.size()).putShort((short) 0).putShort((short) 0);
        b.put(packet, HEADER, questionLength);
        for (Ipv4 ip : addresses) {
            b.putShort((short) 0xC00C) // the name: a pointer to the question's
                    .putShort((short) TYPE_A).putShort((short) CLASS_IN).putInt(TTL).putShort((short) 4).put(ip.bytes());
        }
        return b.array();
    }
}
