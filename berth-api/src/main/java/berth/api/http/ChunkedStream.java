package berth.api.http;

import berth.common.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response body sent in chunks as it is produced (logs, wait, events, JSON progress). Each write is
 * flushed at once; a writer that outpaces the client waits for the socket to drain.
 */
public final class ChunkedStream implements AutoCloseable {

    private final Channel channel;
    private final boolean keepAlive;
    private final Runnable onDone;
    private final AtomicBoolean closed = new AtomicBoolean();

    ChunkedStream(Channel channel, boolean keepAlive, Runnable onDone) {
        this.channel = channel;
        this.keepAlive = keepAlive;
        this.onDone = onDone;
    }

    /** Returns false once the client has gone, so producers can stop. */
    public boolean write(byte[] data) {
        if (closed.get() || !channel.isActive()) return false;
        if (data.length == 0) return true;
        var sent = channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(data)));
        if (!channel.isWritable()) sent.awaitUninterruptibly();
        return channel.isActive();
    }

    /** One JSON message, "\r\n"-terminated as Docker's JSON streams are. */
    public boolean writeJson(Object message) {
        try {
            return write((Json.docker().writeValueAsString(message) + "\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isOpen() {
        return !closed.get() && channel.isActive();
    }

    /**
     * True once the client closed its end (or the connection is gone). Nothing else tells a quiet stream
     * (events) that its client left: half-closed connections stay open here for hijacked stdin.
     */
    public boolean clientLeft() {
        return !isOpen() || channel instanceof io.netty.channel.socket.DuplexChannel d && d.isInputShutdown();
    }

    /** Runs {@code action} when the client disconnects (or the stream is closed normally). */
    public void onClose(Runnable action) {
        channel.closeFuture().addListener(f -> action.run());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (channel.isActive()) {
            var last = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) last.addListener(f -> channel.close());
        }
        onDone.run();
    }
}
