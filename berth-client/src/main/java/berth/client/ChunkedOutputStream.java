package berth.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes a request body of unknown length as HTTP/1.1 chunks; {@link #finish()} writes the last chunk. */
final class ChunkedOutputStream extends OutputStream {
    private final OutputStream out;

    ChunkedOutputStream(OutputStream out) { this.out = out; }

    @Override
    public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return; // a zero-size chunk would end the body
        }
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b, off, len);
        out.write(HttpHead.CRLF);
    }

    void finish() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
