package berth.api.http;

import berth.common.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The answer to one request: exactly one of a full body, a chunked stream, or a hijacked connection. */
public final class Response {

    private final Channel channel;
    private final Connection connection;
    private final ServerIdentity identity;
    private final boolean keepAlive;
    private final boolean head;
    private final boolean upgrade;
    private final AtomicBoolean committed = new AtomicBoolean();

    Response(Channel channel, Connection connection, ServerIdentity identity, boolean keepAlive, boolean head,
             boolean upgrade) {
        this.channel = channel;
        this.connection = connection;
        this.identity = identity;
        this.keepAlive = keepAlive;
        this.head = head;
        this.upgrade = upgrade;
    }

    public boolean committed() {
        return committed.get();
    }

    public void json(Object body) { json(200, body); }

    public void created(Object body) { json(201, body); }

    public void noContent() { full(204, "", new byte[0], Map.of()); }

    /** A status with an empty body (200 for resize and detached exec start, 304 ...). */
    public void status(int status) { full(status, "", new byte[0], Map.of()); }

    public void json(int status, Object body) {
        full(status, "application/json", encode(body), Map.of());
    }

    public void text(int status, String contentType, String body, Map<String, String> extraHeaders) {
        full(status, contentType, body.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    public void error(Throwable failure) {
        var error = Errors.of(failure);
        if (!error.hasBody()) status(error.status());
        else json(error.status(), Map.of("message", error.message()));
    }

    /** Sends 200 headers now, with chunked transfer encoding; the body follows through the stream. */
    public ChunkedStream stream(String contentType) {
        return stream(contentType, Map.of());
    }

    /** Like {@link #stream(String)}, with headers of its own (the path stat of an archive). */
    public ChunkedStream stream(String contentType, Map<String, String> extraHeaders) {
        commit();
        var res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        headers(res, contentType, extraHeaders);
        res.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        channel.writeAndFlush(res);
        return new ChunkedStream(channel, keepAlive, connection::responded);
    }

    /**
     * Takes over the connection for raw streams: "101 UPGRADED" when the client asked for
     * {@code Upgrade: tcp} (docker CLI), else "200 OK" without a length (docker-py), as Docker does.
     */
    public RawStream hijack(String contentType) {
        commit();
        var head = new StringBuilder(upgrade ? "HTTP/1.1 101 UPGRADED\r\n" : "HTTP/1.1 200 OK\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\n");
        if (upgrade) head.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        identity.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        return connection.hijack(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    void abort() {
        channel.close();
    }

    private void full(int status, String contentType, byte[] body, Map<String, String> extra) {
        commit();
        var content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content);
        headers(res, contentType, extra);
        if (status != 204 && status != 304) res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        var sent = channel.writeAndFlush(res);
        if (!keepAlive) sent.addListener(f -> channel.close());
        connection.responded();
    }

    private void headers(HttpResponse res, String contentType, Map<String, String> extra) {
        identity.apply(res.headers());
        if (!contentType.isEmpty()) res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        extra.forEach(res.headers()::set);
        if (!keepAlive) res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }

    private void commit() {
        if (!committed.compareAndSet(false, true)) throw new IllegalStateException("response already sent");
    }

    private static byte[] encode(Object body) {
        try {
            return Json.docker().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode response", e);
        }
    }
}
