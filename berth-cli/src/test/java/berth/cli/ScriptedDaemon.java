package berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A unix-socket daemon stand-in serving each connection on its own thread (run holds several at once). */
final class ScriptedDaemon implements AutoCloseable {
    interface Handler {
        void answer(String requestLine, String body, OutputStream out) throws Exception;
    }

    final List<String> requests = new CopyOnWriteArrayList<>();
    /** The headers (lower-cased names) and body of each request but pings, in order. */
    final List<java.util.Map<String, String>> headers = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final Path socket;
    private final ServerSocketChannel server;

    ScriptedDaemon(Path dir, Handler handler) throws IOException {
        socket = dir.resolve("berth.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    Thread.ofVirtual().start(() -> serve(ch, handler));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Runs the CLI against this daemon ({@code -H unix://SOCKET} first) and flushes the session. */
    int berth(Session session, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-H";
        all[1] = "unix://" + socket;
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(session, all);
        session.flush();
        return code;
    }

    private void serve(SocketChannel ch, Handler handler) {
        try (ch) {
            InputStream in = Channels.newInputStream(ch);
            String requestLine = line(in);
            int length = 0;
            java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                if (h.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
                int colon = h.indexOf(':');
                if (colon > 0) {
                    seen.put(h.substring(0, colon).toLowerCase(), h.substring(colon + 1).trim());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            if (!requestLine.contains("/_ping")) {
                headers.add(seen);
                bodies.add(body);
            }
            requests.add(requestLine.replaceFirst(" HTTP/1.1$", ""));
            handler.answer(requestLine, body, Channels.newOutputStream(ch));
        } catch (Exception e) {
            // the client hung up
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    static void reply(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nApi-Version: 1.47\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
    }

    static byte[] frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + p.length];
        f[0] = (byte) stream;
        f[7] = (byte) p.length;
        System.arraycopy(p, 0, f, 8, p.length);
        return f;
    }

    @Override
    public void close() throws IOException { server.close(); }
}
