package berth.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.BerthException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void kindsMapToDockerStatuses() {
        assertThat(Errors.of(BerthException.notFound("No such container: x")))
                .isEqualTo(new Errors.ApiError(404, "No such container: x"));
        assertThat(Errors.of(BerthException.conflict("c")).status()).isEqualTo(409);
        assertThat(Errors.of(BerthException.invalid("i")).status()).isEqualTo(400);
        assertThat(Errors.of(new BerthException.NotModified("n")).status()).isEqualTo(304);
        assertThat(Errors.of(new BerthException.NotModified("n")).hasBody()).isFalse();
        assertThat(Errors.of(BerthException.fault("f", null)).status()).isEqualTo(500);
        assertThat(Errors.of(new IllegalStateException("boom"))).isEqualTo(new Errors.ApiError(500, "boom"));
    }

    @Test
    void wrappedCausesAreUnwrapped() {
        assertThat(Errors.of(new CompletionException(BerthException.notFound("gone"))).status()).isEqualTo(404);
    }

    @Test
    void badJsonIs400WithTheParserMessage() {
        var body = new Body.Bytes("{\"Image\":".getBytes());
        try {
            body.json();
        } catch (RuntimeException e) {
            var error = Errors.of(e);
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.message()).contains("end-of-input");
            return;
        }
        throw new AssertionError("bad JSON was accepted");
    }

    @Test
    void messagelessFailuresStillSaySomething() {
        assertThat(Errors.of(new NullPointerException()).message()).isNotBlank();
    }
}
