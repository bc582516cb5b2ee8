package berth.registry;

import berth.common.BerthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageReferenceTest {
    private static final String HEX = "a".repeat(64);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "busybox | docker.io | library/busybox | busybox | latest | registry-1.docker.io",
            "busybox:1.36 | docker.io | library/busybox | busybox | 1.36 | registry-1.docker.io",
            "library/busybox | docker.io | library/busybox | busybox | latest | registry-1.docker.io",
            "docker.io/library/busybox | docker.io | library/busybox | busybox | latest | registry-1.docker.io",
            "index.docker.io/team/app:2 | docker.io | team/app | team/app | 2 | registry-1.docker.io",
            "localhost:5000/team/app:1 | localhost:5000 | team/app | localhost:5000/team/app | 1 | localhost:5000",
            "localhost/app | localhost | app | localhost/app | latest | localhost",
            "127.0.0.1:5000/x | 127.0.0.1:5000 | x | 127.0.0.1:5000/x | latest | 127.0.0.1:5000",
            "quay.io/library/x:2 | quay.io | library/x | quay.io/library/x | 2 | quay.io"})
    void parsesLikeDocker(String text, String domain, String path, String familiar, String tag, String endpoint) {
        var ref = ImageReference.parse(text);
        assertThat(ref.domain()).isEqualTo(domain);
        assertThat(ref.path()).isEqualTo(path);
        assertThat(ref.familiarName()).isEqualTo(familiar);
        assertThat(ref.tagOrDefault()).contains(tag);
        assertThat(ref.endpoint()).isEqualTo(endpoint);
    }

    @Test
    void digestReferences() {
        var byDigest = ImageReference.parse("busybox@sha256:" + HEX);
        assertThat(byDigest.tag()).isEmpty();
        assertThat(byDigest.tagOrDefault()).isEmpty();
        assertThat(byDigest.manifestReference()).isEqualTo("sha256:" + HEX);
        var both = ImageReference.parse("localhost:5000/a/b:1@sha256:" + HEX);
        assertThat(both.tag()).contains("1");
        assertThat(both.manifestReference()).isEqualTo("sha256:" + HEX);
        assertThat(both.toString()).isEqualTo("localhost:5000/a/b:1@sha256:" + HEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "busy box", "-x", "x:", "x:-tag", "a//b", "x@sha256:abc", "x/", "x@", ":tag"})
    void refusesInvalid(String text) {
        assertThatThrownBy(() -> ImageReference.parse(text)).isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessage("invalid reference format");
    }

    @Test
    void uppercaseRepositoryIsRefusedWithDockersMessage() {
        assertThatThrownBy(() -> ImageReference.parse("Busybox"))
                .hasMessage("invalid reference format: repository name (library/Busybox) must be lowercase");
        assertThatThrownBy(() -> ImageReference.parse("localhost:5000/Team/app"))
                .hasMessage("invalid reference format: repository name (Team/app) must be lowercase");
    }

    @Test
    void shortDigestHasItsOwnMessage() {
        assertThatThrownBy(() -> ImageReference.parse("x@sha256:" + "a".repeat(40)))
                .hasMessage("invalid checksum digest length");
    }
}
