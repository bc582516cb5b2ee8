package berth.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Docker's multiplexed stream: frames of an 8-byte header (stream type, three zero bytes, big-endian
 * uint32 length) followed by that many bytes of payload.
 */
public final class StreamDemux {
    /** One frame of output. */
    public record Frame(StreamType stream, byte[] payload) {
        public String text() { return new String(payload, StandardCharsets.UTF_8); }
    }

    private final InputStream in;

    public StreamDemux(InputStream in) { this.in = in; }

    /** The next frame, or empty at a clean end of stream (between frames). */
    public Optional<Frame> next() throws IOException {
        byte[] header = new byte[8];
        int got = in.readNBytes(header, 0, 8);
        if (got == 0) {
            return Optional.empty();
        }
        if (got < 8) {
            throw new EOFException("multiplexed stream ended inside a frame header");
        }
        int length = (header[4] & 0xff) << 24 | (header[5] & 0xff) << 16 | (header[6] & 0xff) << 8 | header[7] & 0xff;
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("multiplexed stream ended inside a frame");
        }
        return Optional.of(new Frame(StreamType.of(header[0]), payload));
    }

    /** Copies stdout frames to {@code out} and stderr frames to {@code err} until the end of the stream. */
    public void copy(OutputStream out, OutputStream err) {
        try {
            for (var frame = next(); frame.isPresent(); frame = next()) {
                OutputStream target = frame.get().stream() == StreamType.STDOUT ? out : err;
                target.write(frame.get().payload());
                target.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a stream either way: demultiplexed when it is multiplexed, as is (TTY) otherwise. */
    public static void copy(InputStream in, boolean multiplexed, OutputStream out, OutputStream err) {
        if (multiplexed) {
            new StreamDemux(in).copy(out, err);
            return;
        }
        try {
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
