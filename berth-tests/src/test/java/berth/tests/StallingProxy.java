package berth.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a registry that, while {@link #stall} is set, stops relaying a
 * response once it has relayed {@code threshold} bytes of it: a big blob download hangs halfway, whatever
 * the machine's speed, so that a test can kill the daemon in the middle of it.
 */
final class StallingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final long threshold;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final AtomicLong stalledConnections = new AtomicLong();
    volatile boolean stall = true;

    StallingProxy(int upstreamPort, long threshold) throws IOException {
        this.upstreamPort = upstreamPort;
        this.threshold = threshold;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    String endpoint() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream, false));
                Thread.ofVirtual().start(() -> pump(upstream, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean response) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[16 * 1024];
            long relayed = 0;
            boolean counted = false;
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                relayed += n;
                while (response && stall && relayed >= threshold && !to.isClosed()) {
                    if (!counted) stalledConnections.incrementAndGet();
                    counted = true;
                    BerthDaemon.sleep(Duration.ofMillis(50));
                }
            }
        } catch (IOException e) {
            // one side went away: the other goes too
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(StallingProxy::close);
    }
}
