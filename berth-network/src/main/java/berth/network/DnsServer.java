package berth.network;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The DNS server of one user network, on its gateway address, port 53 (UDP). It answers A queries for the
 * names of the containers on the network (container name, short ID, aliases) and passes everything else to
 * the host's resolvers. Each query is served on its own virtual thread: blocking socket calls there park,
 * they do not pin a carrier.
 */
final class DnsServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DnsServer.class.getName());
    private static final int MAX_UDP = 4096, UPSTREAM_TIMEOUT_MS = 5000;
    private final DatagramSocket socket;
    private final BiFunction<String, Ipv4, List<Ipv4>> lookup;
    private final Supplier<List<InetSocketAddress>> upstreams;

    private DnsServer(DatagramSocket socket, BiFunction<String, Ipv4, List<Ipv4>> lookup,
                      Supplier<List<InetSocketAddress>> upstreams) {
        this.socket = socket;
        this.lookup = lookup;
        this.upstreams = upstreams;
    }

    /** Binds {@code address:port} and serves until closed. {@code lookup} gives the addresses of a name asked by a
     * client (empty: unknown here). */
    static DnsServer start(Ipv4 address, int port, BiFunction<String, Ipv4, List<Ipv4>> lookup,
                           Supplier<List<InetSocketAddress>> upstreams) throws IOException {
        var server = new DnsServer(new DatagramSocket(new InetSocketAddress(address.inet(), port)), lookup, upstreams);
        Thread.ofVirtual().name("dns-" + address).start(server::serve);
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            byte[] buf = new byte[MAX_UDP];
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) LOG.warning("DNS server on " + socket.getLocalSocketAddress() + ": " + e.getMessage());
                continue;
            }
            Thread.ofVirtual().start(() -> handle(Arrays.copyOf(buf, packet.getLength()), packet.getSocketAddress()));
        }
    }

    private void handle(byte[] query, SocketAddress client) {
        var question = DnsMessage.parse(query, query.length);
        if (question.isEmpty()) return;
        var q = question.get();
        Ipv4 from = client instanceof InetSocketAddress a && a.getAddress() instanceof java.net.Inet4Address v4
                ? Ipv4.parse(v4.getHostAddress()) : new Ipv4(0);
        List<Ipv4> local = q.qclass() == DnsMessage.CLASS_IN ? lookup.apply(q.name(), from) : List.of();
        byte[] reply = !local.isEmpty()
                ? DnsMessage.answer(query, q, q.type() == DnsMessage.TYPE_A ? local : List.of())
                : forward(query);
        if (reply.length == 0) return;
        try {
            socket.send(new DatagramPacket(reply, reply.length, client));
        } catch (IOException e) {
            LOG.fine(() -> "cannot answer " + client + ": " + e.getMessage());
        }
    }

    /** Asks the upstream resolvers in turn; the first answer goes back as it came. */
    private byte[] forward(byte[] query) {
        for (InetSocketAddress upstream : upstreams.get()) {
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(UPSTREAM_TIMEOUT_MS);
                s.send(new DatagramPacket(query, query.length, upstream));
                byte[] buf = new byte[MAX_UDP];
                DatagramPacket answer = new DatagramPacket(buf, buf.length);
                s.receive(answer);
                return Arrays.copyOf(buf, answer.getLength());
            } catch (SocketTimeoutException e) {
                LOG.fine(() -> "upstream " + upstream + " did not answer");
            } catch (IOException e) {
                LOG.fine(() -> "upstream " + upstream + ": " + e.getMessage());
            }
        }
        return new byte[0];
    }

    @Override
    public void close() {
        socket.close();
    }
}
