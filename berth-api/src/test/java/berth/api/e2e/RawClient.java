package berth.api.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** HTTP by hand over a unix socket, so tests see exactly the bytes the server sends. */
final class RawClient implements AutoCloseable {

    private final SocketChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    RawClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] data) throws IOException {
        var buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) channel.write(buf);
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Reads up to the blank line that ends the response head. */
    String readHead() throws IOException {
        while (true) {
            var text = pending.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                consume(end + 4);
                return text.substring(0, end);
            }
            if (!fill()) throw new IOException("connection closed in the head: " + text);
        }
    }

    byte[] readExactly(int n) throws IOException {
        while (pending.size() < n) if (!fill()) throw new IOException("connection closed");
        var all = pending.toByteArray();
        consume(n);
        return java.util.Arrays.copyOf(all, n);
    }

    /** Everything until the server closes the connection. */
    byte[] readToEnd() throws IOException {
        while (fill()) { /* keep reading */ }
        var all = pending.toByteArray();
        pending.reset();
        return all;
    }

    /** One chunk of a chunked body; empty at the last chunk. */
    String readChunk() throws IOException {
        var sizeLine = readLine();
        int size = Integer.parseInt(sizeLine.trim(), 16);
        var data = readExactly(size);
        readLine();
        return new String(data, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        while (true) {
            var text = pending.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n");
            if (end >= 0) {
                consume(end + 2);
                return text.substring(0, end);
            }
            if (!fill()) throw new IOException("connection closed");
        }
    }

    private boolean fill() throws IOException {
        var buf = ByteBuffer.allocate(8192);
        int n = channel.read(buf);
        if (n < 0) return false;
        pending.write(buf.array(), 0, n);
        return true;
    }

    private void consume(int n) {
        var all = pending.toByteArray();
        pending.reset();
        pending.write(all, n, all.length - n);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
