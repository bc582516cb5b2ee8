package berth.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A response whose body is read as it arrives; closing it closes the connection. */
public final class Response implements AutoCloseable {
    private final HttpHead head;
    private final InputStream body;
    private final SocketChannel channel;

    Response(HttpHead head, InputStream body, SocketChannel channel) {
        this.head = head;
        this.body = body;
        this.channel = channel;
    }

    public int status() { return head.status(); }

    public boolean ok() { return status() / 100 == 2; }

    public Optional<String> header(String name) { return head.header(name); }

    public InputStream body() { return body; }

    public byte[] bytes() {
        try (body) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() { return new String(bytes(), StandardCharsets.UTF_8); }

    SocketChannel channel() { return channel; }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket we no longer need: nothing to recover
        }
    }
}
