package berth.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked body: hex size line, data, CRLF, ... a zero chunk, optional trailers. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) { this.in = in; }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        remaining -= n;
        if (remaining == 0) {
            HttpHead.readLine(in); // the CRLF closing this chunk's data
        }
        return n;
    }

    /** Reads the next size line; false once the last (zero) chunk and its trailers are consumed. */
    private boolean nextChunk() throws IOException {
        if (done) {
            return false;
        }
        String line = HttpHead.readLine(in);
        int semi = line.indexOf(';'); // chunk extensions are allowed and ignored
        remaining = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
        if (remaining == 0) {
            done = true;
            while (!HttpHead.readLine(in).isEmpty()) {
                // trailers: none that we use
            }
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException { in.close(); }
}
