package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageNameTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @CsvSource({
        "busybox, docker.io/library/busybox, https://index.docker.io/v1/",
        "busybox:1.36, docker.io/library/busybox:1.36, https://index.docker.io/v1/",
        "library/busybox, docker.io/library/busybox, https://index.docker.io/v1/",
        "docker.io/library/busybox, docker.io/library/busybox, https://index.docker.io/v1/",
        "index.docker.io/team/app:2, docker.io/team/app:2, https://index.docker.io/v1/",
        "localhost:5000/team/app:1, localhost:5000/team/app:1, localhost:5000",
        "localhost/app, localhost/app, localhost",
        "127.0.0.1:5000/test/busybox:1, 127.0.0.1:5000/test/busybox:1, 127.0.0.1:5000",
        "registry.example.com/a/b/c, registry.example.com/a/b/c, registry.example.com",
        "Upper/app, Upper/app, Upper"})
    void normalizesAsDocker(String ref, String normalized, String registryKey) {
        ImageName name = ImageName.parse(ref);
        assertThat(name).hasToString(normalized);
        assertThat(name.registryKey()).isEqualTo(registryKey);
    }

    @Test
    void digestsAndTagsWithDigests() {
        ImageName byDigest = ImageName.parse("busybox@sha256:" + HEX);
        assertThat(byDigest.digest()).contains("sha256:" + HEX);
        assertThat(byDigest.tag()).isEmpty();
        assertThat(byDigest.nameOnly()).isFalse();
        ImageName both = ImageName.parse("app:1@sha256:" + HEX);
        assertThat(both).hasToString("docker.io/library/app:1@sha256:" + HEX);
        assertThat(ImageName.parse("busybox").nameOnly()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Busybox | invalid reference format: repository name (library/Busybox) must be lowercase",
        "docker.io/Foo/bar | invalid reference format: repository name (Foo/bar) must be lowercase",
        "a b | invalid reference format",
        "x: | invalid reference format",
        "busybox@sha256:abc | invalid reference format",
        "-x | invalid reference format",
        "a//b | invalid reference format",
        HEX + " | invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings"})
    void refusesWithDockersMessages(String ref, String message) {
        assertThatThrownBy(() -> ImageName.parse(ref)).isInstanceOf(CliException.class).hasMessage(message);
    }

    @Test
    void namesLongerThan255AreRefused() {
        assertThatThrownBy(() -> ImageName.parse("a".repeat(256)))
                .hasMessage("repository name must not be more than 255 characters");
        assertThat(ImageName.parse("a".repeat(255)).path()).hasSize(255 + "library/".length());
    }
}
