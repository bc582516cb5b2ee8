package berth.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import berth.runtime.LogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static final Instant T = Instant.parse("2024-01-02T03:04:05.123Z");

    @Test
    void headerCarriesStreamAndBigEndianLength() {
        assertThat(Frames.header(LogEntry.Stream.STDOUT, 5)).containsExactly(1, 0, 0, 0, 0, 0, 0, 5);
        assertThat(Frames.header(LogEntry.Stream.STDERR, 0x01020304)).containsExactly(2, 0, 0, 0, 1, 2, 3, 4);
    }

    @Test
    void multiplexedEntry() {
        var frame = Frames.encode(new LogEntry(LogEntry.Stream.STDERR, T, "hi\n".getBytes()), true, false);
        assertThat(frame).containsExactly(2, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n');
    }

    @Test
    void rawEntryWithTimestamp() {
        var raw = Frames.encode(new LogEntry(LogEntry.Stream.STDOUT, T, "hi\n".getBytes()), false, true);
        assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo("2024-01-02T03:04:05.123000000Z hi\n");
    }

    @Test
    void timestampCountsInTheFrameLength() {
        var frame = Frames.encode(new LogEntry(LogEntry.Stream.STDOUT, T, "x".getBytes()), true, true);
        assertThat(frame[7]).isEqualTo((byte) (31 + 1));
        assertThat(frame).hasSize(8 + 32);
    }

    @Test
    void emptyEntriesProduceNothing() {
        assertThat(Frames.encode(new LogEntry(LogEntry.Stream.STDOUT, T, new byte[0]), true, false)).isEmpty();
    }

    @Test
    void contentTypes() {
        assertThat(Frames.contentType(false)).isEqualTo("application/vnd.docker.multiplexed-stream");
        assertThat(Frames.contentType(true)).isEqualTo("application/vnd.docker.raw-stream");
    }
}
