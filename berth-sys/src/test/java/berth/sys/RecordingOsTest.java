package berth.sys;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingOsTest {
    @Test
    void recordsCallsAndRemembersXattrs() {
        RecordingOs os = new RecordingOs();
        os.mount("overlay", Path.of("/m"), "overlay", 0, "lowerdir=/a");
        os.setXattr(Path.of("/d"), "trusted.overlay.opaque", new byte[]{'y'});
        assertThat(os.getXattr(Path.of("/d"), "trusted.overlay.opaque")).isPresent();
        assertThat(os.calls()).first().isEqualTo("mount overlay /m overlay 0 lowerdir=/a");
    }

    @Test
    void presetFailureThrowsWithErrno() {
        RecordingOs os = new RecordingOs().failWith("kill 42", OsException.ESRCH);
        assertThat(os.processExists(42)).isFalse();
        assertThatThrownBy(() -> os.kill(42, 9)).isInstanceOf(OsException.class);
        os.kill(43, 9);
        assertThat(os.calls()).contains("kill 43 9");
    }
}
