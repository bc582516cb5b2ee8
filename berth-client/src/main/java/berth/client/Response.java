package berth.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A response whose body is read as it arrives; closing it closes the connection. */
public final class Response implements AutoCloseable {
    private final HttpHead head;
    private final InputStream body;
    private final Wire wire;

    Response(HttpHead head, InputStream body, Wire wire) {
        this.head = head;
        this.body = body;
        this.wire = wire;
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

    Wire wire() { return wire; }

    @Override
    public void close() {
        wire.close();
    }
}
