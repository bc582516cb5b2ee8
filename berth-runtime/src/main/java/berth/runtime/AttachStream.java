package berth.runtime;

import berth.sys.OsException;
import berth.sys.PacketSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A connection to a monitor's attach socket: the process's output as it is written (each packet starts
 * with conmon's pipe number: 2 stdout, 3 stderr) and the way into its stdin. Reads and writes block: keep
 * them on platform threads. Ends when the process ends (the monitor closes the socket).
 */
public final class AttachStream implements AutoCloseable {
    private static final int STDOUT_PIPE = 2, STDERR_PIPE = 3;
    private final PacketSocket socket;
    private final byte[] buf = new byte[64 * 1024];

    AttachStream(PacketSocket socket) {
        this.socket = socket;
    }

    /** The next chunk of output; empty once the process and its monitor are gone. */
    public Optional<LogEntry> read() {
        while (true) {
            int n = socket.read(buf);
            if (n < 0) return Optional.empty();
            if (n < 2) continue; // a packet with no payload
            var stream = switch (buf[0]) {
                case STDOUT_PIPE -> LogEntry.Stream.STDOUT;
                case STDERR_PIPE -> LogEntry.Stream.STDERR;
                default -> null;
            };
            if (stream != null) return Optional.of(new LogEntry(stream, Instant.now(), Arrays.copyOfRange(buf, 1, n)));
        }
    }

    /** Writes to the process's stdin; false once the monitor no longer takes input. */
    public boolean write(byte[] data, int off, int len) {
        try {
            socket.write(data, off, len);
            return true;
        } catch (OsException e) {
            return false;
        }
    }

    /** End of input: the monitor closes the process's stdin unless told to leave it open. */
    public void closeStdin() {
        socket.shutdownOutput();
    }

    /** Ends the connection from another thread: a blocked {@link #read} returns empty. */
    public void interrupt() {
        socket.shutdown();
    }

    @Override
    public void close() {
        socket.close();
    }
}
