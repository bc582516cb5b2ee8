package berth.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetachKeysTest {

    @Test
    void parsesDockerSpellings() {
        assertThat(DetachKeys.parse("").sequence()).containsExactly(16, 17);
        assertThat(DetachKeys.parse("ctrl-a,x,ctrl-_,ctrl-[,ctrl-@").sequence()).containsExactly(1, 'x', 31, 27, 0);
        assertThatThrownBy(() -> DetachKeys.parse("ctrl-1")).hasMessage("Invalid detach keys (ctrl-1) provided");
        assertThatThrownBy(() -> DetachKeys.parse("abc")).isInstanceOf(BerthException.InvalidArgument.class);
    }

    @Test
    void holdsBackAPartialMatchAndReleasesItWhenItFails() {
        var filter = DetachKeys.parse("ctrl-p,ctrl-q").filter();
        var out = new ByteArrayOutputStream();
        assertThat(filter.pass(new byte[] {'a', 16}, 2, out)).isFalse();
        assertThat(out.toByteArray()).containsExactly('a');
        assertThat(filter.pass(new byte[] {'b'}, 1, out)).isFalse();
        assertThat(out.toByteArray()).containsExactly('a', 16, 'b');
    }

    @Test
    void detectsTheSequenceAcrossReads() {
        var filter = DetachKeys.parse("ctrl-p,ctrl-q").filter();
        var out = new ByteArrayOutputStream();
        assertThat(filter.pass("ls\r".getBytes(StandardCharsets.US_ASCII), 3, out)).isFalse();
        assertThat(filter.pass(new byte[] {16, 16}, 2, out)).isFalse();
        assertThat(filter.pass(new byte[] {17, 'z'}, 2, out)).isTrue();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("ls\r\u0010");
    }
}
