package berth.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read and reports them as one progress line, at most every 512 KiB or 150 ms (Docker
 * throttles likewise), and once more at the end.
 */
final class ProgressInputStream extends FilterInputStream {
    private static final long EVERY_BYTES = 512 * 1024;
    private static final long EVERY_NANOS = 150_000_000L;
    private final Progress progress;
    private final String id;
    private final String status;
    private final long total;
    private long count;
    private long reportedAt;
    private long reportedNanos = System.nanoTime();

    ProgressInputStream(InputStream in, Progress progress, String id, String status, long total) {
        super(in);
        this.progress = progress;
        this.id = id;
        this.status = status;
        this.total = total;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            long now = System.nanoTime();
            if (count - reportedAt >= EVERY_BYTES || now - reportedNanos >= EVERY_NANOS || count == total) report(now);
        }
        return n;
    }

    private void report(long now) {
        reportedAt = count;
        reportedNanos = now;
        progress.emit(new Progress.Event(id, status, count, total));
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        return Math.max(read(buf, 0, buf.length), 0);
    }
}
