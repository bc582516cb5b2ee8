package berth.image;

import berth.common.BerthException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceTest {
    @ParameterizedTest
    @CsvSource({
            "busybox, busybox:latest",
            "busybox:1.36, busybox:1.36",
            "library/busybox, busybox:latest",
            "docker.io/library/busybox:1, busybox:1",
            "docker.io/team/app, team/app:latest",
            "localhost:5000/team/app:1, localhost:5000/team/app:1",
            "localhost/app, localhost/app:latest",
            "quay.io/library/x:2, quay.io/library/x:2",
            "a__b/c-d.e_f:v1.0-rc, a__b/c-d.e_f:v1.0-rc"})
    void normalises(String text, String expected) {
        assertThat(Reference.parse(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Busybox", "busy box", "-x", "x:", "x:-tag", "a//b", "x@sha256:abc", "x/"})
    void refusesInvalid(String text) {
        assertThatThrownBy(() -> Reference.parse(text)).isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessageStartingWith("invalid reference format");
    }
}
