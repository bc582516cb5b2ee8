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
    }

    @Test
    void familiarNames() {
        assertThat(ImagePull.familiar("docker.io/library/nosuch:latest")).isEqualTo("nosuch");
        assertThat(ImagePull.familiar("docker.io/team/app:1")).isEqualTo("team/app:1");
        assertThat(ImagePull.familiar("localhost:5000/app:latest")).isEqualTo("localhost:5000/app");
    }
}
