package berth.api.handlers.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void tagAppliesOnlyWhenTheRepoHasNone() {
        assertThat(ImageCreateHandler.reference("busybox", "1.36")).isEqualTo("busybox:1.36");
        assertThat(ImageCreateHandler.reference("localhost:5000/app", "1")).isEqualTo("localhost:5000/app:1");
        assertThat(ImageCreateHandler.reference("localhost:5000/app:2", "1")).isEqualTo("localhost:5000/app:2");
        assertThat(ImageCreateHandler.reference("busybox", "")).isEqualTo("busybox");
        assertThat(ImageCreateHandler.reference("", "")).isEmpty();
        assertThat(ImageCreateHandler.reference("busybox", "sha256:" + "a".repeat(64))).isEqualTo("busybox@sha256:" + "a".repeat(64));
    }

    @Test
    void progressBarsAndSizesAsDockerdRendersThem() {
        assertThat(ProgressWriter.human(512)).isEqualTo("512B");
        assertThat(ProgressWriter.human(1_234_567)).isEqualTo("1.235MB");
        assertThat(ProgressWriter.human(4_500)).isEqualTo("4.5kB");
        assertThat(ProgressWriter.bar(0, 1000)).isEqualTo("[>" + " ".repeat(50) + "]       0B/1kB");
        assertThat(ProgressWriter.bar(1000, 1000)).isEqualTo("[" + "=".repeat(50) + ">]      1kB/1kB");
    }
}
