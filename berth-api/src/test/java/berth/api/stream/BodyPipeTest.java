package berth.api.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyPipeTest {

    private final List<Boolean> reads = new ArrayList<>();
    private final BodyPipe pipe = new BodyPipe(reads::add);

    @Test
    void deliversChunksInOrderThenEof() throws IOException {
        pipe.offer("ab".getBytes());
        pipe.offer("c".getBytes());
        pipe.end();
        assertThat(new String(pipe.readAllBytes())).isEqualTo("abc");
        assertThat(pipe.read()).isEqualTo(-1);
    }

    @Test
    void pausesTheSocketWhenFullAndResumesWhenDrained() throws IOException {
        var chunk = new byte[64 << 10];
        for (long sent = 0; sent <= BodyPipe.HIGH; sent += chunk.length) pipe.offer(chunk);
        assertThat(reads).containsExactly(false);
        pipe.end();
        pipe.readAllBytes();
        assertThat(reads).contains(true);
    }

    @Test
    void aBrokenConnectionIsAnErrorNotEof() {
        pipe.offer("x".getBytes());
        pipe.fail("gone");
        assertThatThrownBy(pipe::readAllBytes).isInstanceOf(IOException.class).hasMessage("gone");
    }

    @Test
    void closingDropsLaterData() throws IOException {
        pipe.close();
        pipe.offer("late".getBytes());
        assertThat(pipe.available()).isZero();
        assertThat(reads).containsExactly(true);
    }
}
