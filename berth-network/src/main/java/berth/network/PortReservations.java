package berth.network;

import berth.common.BerthException;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Host ports held for published container ports. Each is a socket bound (not listening) on the host address:
 * DNAT takes the traffic before it reaches any socket, but the bound socket keeps every other program off the
 * port, and failing to bind is how a port already in use is found (Docker 28 does the same). A port another
 * container holds is told apart, with Docker's "port is already allocated".
 */
final class PortReservations {
    private record Held(PublishedPort port, String owner, Closeable socket) {}

    private final Map<String, List<Held>> byOwner = new HashMap<>();

    /** Reserves every request or none; the error names the first port that could not be had. */
    synchronized List<PublishedPort> reserve(String owner, List<PortRequest> requests, String target) {
        List<Held> taken = new ArrayList<>();
        try {
            for (PortRequest r : requests) taken.add(reserveOne(owner, r, target, taken));
        } catch (RuntimeException e) {
            taken.forEach(h -> close(h.socket()));
            throw e;
        }
        byOwner.put(owner, taken);
        return taken.stream().map(Held::port).toList();
    }

    /** Takes ports a running container had before a daemon restart; those now taken by others are skipped. */
    synchronized List<PublishedPort> readopt(String owner, List<PublishedPort> ports) {
        List<Held> taken = new ArrayList<>();
        for (PublishedPort p : ports) {
            try {
                taken.add(new Held(p, owner, bind(p)));
            } catch (IOException e) {
                taken.add(new Held(p, owner, () -> {})); // keep the rule: the container was there first
            }
        }
        byOwner.put(owner, taken);
        return ports;
    }

    synchronized void release(String owner) {
        List<Held> held = byOwner.remove(owner);
        if (held != null) held.forEach(h -> close(h.socket()));
    }

    private Held reserveOne(String owner, PortRequest r, String target, List<Held> mine) {
        String ip = r.hostIp().isEmpty() ? "0.0.0.0" : r.hostIp();
        if (r.anyPort()) return bindFree(owner, new PublishedPort(ip, 0, r.container().port(), r.container().proto()));
        BerthException last = null;
        for (int port = r.hostFrom(); port <= r.hostTo(); port++) {
            PublishedPort p = new PublishedPort(ip, port, r.container().port(), r.container().proto());
            try {
                refuseAllocated(p, mine);
                return new Held(p, owner, bind(p));
            } catch (BerthException e) {
                last = e;
            } catch (IOException e) {
                last = BerthException.fault("failed to bind host port for " + ip + ":" + port + ":" + target + ":"
                        + p.containerPort() + "/" + p.proto() + ": " + reason(e), e);
            }
        }
        throw last;
    }

    /** Port 0: the kernel picks a free one from its ephemeral range, as Docker's allocator does. */
    private Held bindFree(String owner, PublishedPort wanted) {
        try {
            NetworkChannel socket = open(wanted.proto());
            socket.bind(new InetSocketAddress(wanted.hostIp(), 0));
            int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
            return new Held(new PublishedPort(wanted.hostIp(), port, wanted.containerPort(), wanted.proto()), owner, socket);
        } catch (IOException e) {
            throw BerthException.fault("no free host port for " + wanted.containerPort() + "/" + wanted.proto() + ": "
                    + reason(e), e);
        }
    }

    private void refuseAllocated(PublishedPort p, List<Held> mine) {
        boolean taken = mine.stream().anyMatch(h -> h.port().clashesWith(p))
                || byOwner.values().stream().flatMap(List::stream).anyMatch(h -> h.port().clashesWith(p));
        if (taken) throw BerthException.conflict("Bind for " + p.hostIp() + ":" + p.hostPort() + " failed: port is already allocated");
    }

    private static Closeable bind(PublishedPort p) throws IOException {
        if (p.proto().equals("sctp")) return () -> {}; // the JDK binds no SCTP without jdk.sctp; rules only
        NetworkChannel socket = open(p.proto());
        try {
            socket.bind(new InetSocketAddress(p.hostIp(), p.hostPort()));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static NetworkChannel open(String proto) throws IOException {
        return proto.equals("udp") ? DatagramChannel.open(java.net.StandardProtocolFamily.INET)
                : SocketChannel.open(java.net.StandardProtocolFamily.INET);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isEmpty()) return e instanceof BindException ? "address already in use" : e.toString();
        return Character.toLowerCase(m.charAt(0)) + m.substring(1); // "address already in use", as Go says it
    }

    private static void close(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // a socket that will not close is gone anyway
        }
    }
}
