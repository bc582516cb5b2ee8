package berth.runtime;

import java.time.Instant;

/** One chunk of a container's output as the monitor recorded it: which stream, when, and the bytes
 * (a whole line with its newline, or a partial line without). */
public record LogEntry(Stream stream, Instant time, byte[] data) {
    public enum Stream { STDOUT, STDERR }
}
