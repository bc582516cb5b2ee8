package berth.api.http;

import berth.api.stream.BodyPipe;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.InputStream;

/**
 * A hijacked connection: HTTP is over, output goes out as raw bytes (framed by the caller) and whatever
 * the client sends is the process's stdin; the client's half-close ends stdin. Closing ends the connection.
 */
public final class RawStream implements AutoCloseable {

    private final Channel channel;
    private final BodyPipe stdin;

    RawStream(Channel channel, BodyPipe stdin) {
        this.channel = channel;
        this.stdin = stdin;
    }

    public InputStream stdin() {
        return stdin;
    }

    /** Returns false once the client has gone. */
    public boolean write(byte[] data) {
        if (!channel.isActive()) return false;
        if (data.length == 0) return true;
        var sent = channel.writeAndFlush(Unpooled.wrappedBuffer(data));
        if (!channel.isWritable()) sent.awaitUninterruptibly();
        return channel.isActive();
    }

    @Override
    public void close() {
        stdin.close();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> channel.close());
    }
}
