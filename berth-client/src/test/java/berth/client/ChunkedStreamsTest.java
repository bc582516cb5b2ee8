package berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedStreamsTest {
    private static ChunkedInputStream decoder(String wire) {
        return new ChunkedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void decodesChunksExtensionsAndTrailers() throws Exception {
        var in = decoder("3\r\nabc\r\nA;name=v\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc0123456789");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void emptyBody() throws Exception {
        assertThat(decoder("0\r\n\r\n").readAllBytes()).isEmpty();
    }

    @Test
    void closedInsideAChunkIsAnError() {
        assertThatThrownBy(() -> decoder("5\r\nab").readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void encoderRoundTrips() throws Exception {
        var wire = new ByteArrayOutputStream();
        var out = new ChunkedOutputStream(wire);
        out.write("hello ".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[0]);
        out.write("world".getBytes(StandardCharsets.UTF_8));
        out.finish();
        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n");
        assertThat(decoder(wire.toString(StandardCharsets.ISO_8859_1)).readAllBytes()).asString().isEqualTo("hello world");
    }

    @Test
    void hostSelection() {
        assertThat(DockerHost.resolve(java.util.Optional.of("unix:///a.sock"), java.util.Map.of("BERTH_HOST", "unix:///b")))
                .hasToString("unix:///a.sock");
        assertThat(DockerHost.resolve(java.util.Optional.empty(), java.util.Map.of("BERTH_HOST", "unix:///b")))
                .hasToString("unix:///b");
        assertThat(DockerHost.resolve(java.util.Optional.empty(), java.util.Map.of("DOCKER_HOST", "unix:///c")))
                .hasToString("unix:///c");
        assertThat(DockerHost.resolve(java.util.Optional.empty(), java.util.Map.of())).hasToString(DockerHost.DEFAULT);
    }
}
