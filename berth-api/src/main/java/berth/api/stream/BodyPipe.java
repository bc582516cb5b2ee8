package berth.api.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Bytes arriving on a connection (an upload, or a hijacked client's stdin) as an InputStream read on a
 * virtual thread. The event loop must never block, so the queue itself is unbounded; instead reading from
 * the socket is paused ({@code readControl.accept(false)}) while more than {@link #HIGH} bytes wait, and
 * resumed once the reader has drained them below {@link #LOW}.
 */
public final class BodyPipe extends InputStream {

    static final long HIGH = 1 << 20;
    static final long LOW = 256 << 10;
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final Consumer<Boolean> readControl;
    private volatile boolean closed;
    private volatile String failure;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    public BodyPipe(Consumer<Boolean> readControl) {
        this.readControl = readControl;
    }

    // --- producer side (event loop)

    public void offer(byte[] data) {
        if (closed || data.length == 0) return;
        chunks.add(data);
        if (queued.addAndGet(data.length) > HIGH) readControl.accept(false);
    }

    /** The sender finished (end of body, or half-close of a hijacked connection). */
    public void end() {
        chunks.add(END);
    }

    /** The connection broke before the end: readers get an IOException instead of a clean EOF. */
    public void fail(String reason) {
        failure = reason;
        chunks.add(END);
    }

    // --- consumer side (virtual thread)

    @Override
    public int read() throws IOException {
        var one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos == current.length && !next()) return -1;
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean next() throws IOException {
        if (ended) return false;
        try {
            current = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the request body");
        }
        pos = 0;
        if (current == END) return finish();
        if (queued.addAndGet(-current.length) < LOW) readControl.accept(true);
        return true;
    }

    private boolean finish() throws IOException {
        ended = true;
        if (failure != null) throw new IOException(failure);
        return false;
    }

    @Override
    public int available() {
        return current.length - pos;
    }

    /** The reader gave up: drop what comes next and let the socket flow again. */
    @Override
    public void close() {
        closed = true;
        chunks.clear();
        queued.set(0);
        readControl.accept(true);
    }
}
