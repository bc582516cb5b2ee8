package berth.api.stream;

import berth.runtime.LogEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Docker's output framing. Without a TTY, stdout and stderr share one connection, so each chunk gets an
 * 8-byte header: the stream (1 stdout, 2 stderr), three zero bytes, and the payload length as a big-endian
 * uint32. With a TTY the bytes go out raw, as the terminal produced them.
 */
public final class Frames {

    public static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    public static final String RAW = "application/vnd.docker.raw-stream";

    private Frames() {}

    public static String contentType(boolean tty) {
        return tty ? RAW : MULTIPLEXED;
    }

    public static byte[] header(LogEntry.Stream stream, int length) {
        return ByteBuffer.allocate(8).put(0, streamId(stream)).putInt(4, length).array();
    }

    /** One entry as it goes on the wire, optionally prefixed with its time and a space; nothing when empty. */
    public static byte[] encode(LogEntry entry, boolean multiplexed, boolean timestamps) {
        if (entry.data().length == 0) return entry.data(); // Docker never sends empty frames
        var payload = timestamps ? withTime(entry) : entry.data();
        if (!multiplexed) return payload;
        return ByteBuffer.allocate(8 + payload.length)
                .put(header(entry.stream(), payload.length)).put(payload).array();
    }

    private static byte[] withTime(LogEntry entry) {
        var prefix = (Timestamps.format(entry.time()) + " ").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(prefix.length + entry.data().length).put(prefix).put(entry.data()).array();
    }

    private static byte streamId(LogEntry.Stream stream) {
        return switch (stream) {
            case STDOUT -> 1;
            case STDERR -> 2;
        };
    }
}
