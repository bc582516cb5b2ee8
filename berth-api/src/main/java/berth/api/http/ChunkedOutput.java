package berth.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A chunked response body as an OutputStream, for producers that write streams (tars): bytes are gathered
 * into chunks of 64 KiB. A client that went away makes the next write fail, so the producer stops.
 */
public final class ChunkedOutput extends OutputStream {
    private static final int CHUNK = 64 * 1024;
    private final ChunkedStream stream;
    private final byte[] buffer = new byte[CHUNK];
    private int used;

    public ChunkedOutput(ChunkedStream stream) {
        this.stream = stream;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == CHUNK) flush();
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == CHUNK) flush();
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (used == 0) return;
        boolean open = stream.write(Arrays.copyOf(buffer, used));
        used = 0;
        if (!open) throw new IOException("the client closed the connection");
    }

    /** Sends what is left and ends the response. */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            stream.close();
        }
    }
}
