package berth.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A connection taken over after an upgrade (attach, exec start): the container's output comes in on
 * {@link #in()}, multiplexed unless the container has a TTY; its stdin goes out on {@link #out()}.
 */
public final class Hijack implements AutoCloseable {
    private final InputStream in;
    private final OutputStream out;
    private final Wire wire;
    private final boolean multiplexed;

    Hijack(InputStream in, Wire wire, boolean multiplexed) {
        this.in = in;
        this.out = wire.output();
        this.wire = wire;
        this.multiplexed = multiplexed;
    }

    public InputStream in() { return in; }

    public OutputStream out() { return out; }

    /** True when the stream carries 8-byte frame headers (no TTY); see {@link StreamDemux}. */
    public boolean multiplexed() { return multiplexed; }

    /** Half-close: tells the container its stdin reached EOF while its output keeps flowing. */
    public void closeWrite() {
        try {
            wire.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        wire.close();
    }
}
