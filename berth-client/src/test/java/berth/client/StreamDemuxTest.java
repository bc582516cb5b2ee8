package berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamDemuxTest {
    private static ByteArrayInputStream frames(byte[]... frames) {
        var all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        return new ByteArrayInputStream(all.toByteArray());
    }

    @Test
    void splitsFramesByStream() throws Exception {
        var demux = new StreamDemux(frames(FakeDaemon.frame(1, "out"), FakeDaemon.frame(2, "err"), FakeDaemon.frame(1, "")));
        assertThat(demux.next()).hasValueSatisfying(f -> {
            assertThat(f.stream()).isEqualTo(StreamType.STDOUT);
            assertThat(f.text()).isEqualTo("out");
        });
        assertThat(demux.next().orElseThrow().stream()).isEqualTo(StreamType.STDERR);
        assertThat(demux.next().orElseThrow().payload()).isEmpty();
        assertThat(demux.next()).isEmpty();
    }

    @Test
    void readsLargeLengthsBigEndian() throws Exception {
        byte[] payload = new byte[70_000];
        var header = new byte[] {1, 0, 0, 0, 0, 1, 0x11, 0x70};
        var demux = new StreamDemux(frames(header, payload));
        assertThat(demux.next().orElseThrow().payload()).hasSize(70_000);
    }

    @Test
    void truncatedFrameIsAnError() {
        var demux = new StreamDemux(new ByteArrayInputStream(new byte[] {1, 0, 0, 0, 0, 0, 0, 9, 'a'}));
        assertThatThrownBy(demux::next).isInstanceOf(EOFException.class);
    }

    @Test
    void copyRoutesToTwoSinks() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        StreamDemux.copy(frames(FakeDaemon.frame(2, "e1"), FakeDaemon.frame(1, "o1"), FakeDaemon.frame(2, "e2")), true, out, err);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("o1");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("e1e2");
    }

    @Test
    void ttyStreamsPassThrough() {
        var out = new ByteArrayOutputStream();
        StreamDemux.copy(new ByteArrayInputStream("raw".getBytes(StandardCharsets.UTF_8)), false, out, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("raw");
    }
}
