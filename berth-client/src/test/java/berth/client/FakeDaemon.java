package berth.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A unix-socket server answering each connection with a canned response chosen from the request. */
final class FakeDaemon implements AutoCloseable {
    /** What the fake saw: the head (request line and headers) and the decoded body. */
    record Seen(String head, String body) {
        String requestLine() { return head.lines().findFirst().orElse(""); }
    }

    /** Given the request, writes the response; may keep reading (hijack) before returning. */
    interface Handler {
        void answer(Seen request, InputStream in, OutputStream out) throws IOException;
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final Thread loop;
    final Path socket;

    FakeDaemon(Path dir, Function<Seen, String> canned) {
        this(dir, (req, in, out) -> out.write(canned.apply(req).getBytes(StandardCharsets.UTF_8)));
    }

    FakeDaemon(Path dir, Handler handler) {
        try {
            socket = dir.resolve("d.sock");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        loop = Thread.ofPlatform().daemon().start(() -> serve(handler));
    }

    DockerHost host() { return new DockerHost.Unix(socket); }

    private void serve(Handler handler) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                InputStream in = ChannelStreams.input(ch);
                Seen req = readRequest(in);
                seen.add(req);
                OutputStream out = ChannelStreams.output(ch);
                handler.answer(req, in, out);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static Seen readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = HttpHead.readLine(in); !line.isEmpty(); line = HttpHead.readLine(in)) {
            head.append(line).append('\n');
        }
        String h = head.toString().toLowerCase();
        byte[] body;
        if (h.contains("transfer-encoding: chunked")) {
            body = new ChunkedInputStream(in).readAllBytes();
        } else {
            int len = h.lines().filter(l -> l.startsWith("content-length:"))
                    .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
            body = in.readNBytes(len);
        }
        return new Seen(head.toString(), new String(body, StandardCharsets.UTF_8));
    }

    static String response(int status, String body, String... headers) {
        StringBuilder r = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        return r.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(body).toString();
    }

    static byte[] frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) stream, 0, 0, 0, 0, 0, (byte) (p.length >> 8), (byte) p.length});
        out.writeBytes(p);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        loop.interrupt();
    }
}
