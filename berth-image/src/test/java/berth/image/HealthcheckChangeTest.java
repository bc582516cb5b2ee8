package berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthcheckChangeTest {
    private static Image.Healthcheck health(String change) {
        return ImageConfigJson.runConfig(Changes.apply(List.of(change))).healthcheck();
    }

    @Test
    void shellAndJsonFormsWithFlags() {
        var h = health("HEALTHCHECK --interval=5s --timeout=1m30s --start-period=2s --start-interval=500ms --retries=4 CMD curl -f http://x/");
        assertThat(h.test()).containsExactly("CMD-SHELL", "curl -f http://x/");
        assertThat(h.interval()).isEqualTo(5_000_000_000L);
        assertThat(h.timeout()).isEqualTo(90_000_000_000L);
        assertThat(h.startPeriod()).isEqualTo(2_000_000_000L);
        assertThat(h.startInterval()).isEqualTo(500_000_000L);
        assertThat(h.retries()).isEqualTo(4);
        assertThat(health("HEALTHCHECK CMD [\"/bin/check\", \"-q\"]").test()).containsExactly("CMD", "/bin/check", "-q");
        assertThat(health("HEALTHCHECK NONE").test()).containsExactly("NONE");
    }

    @Test
    void keptThroughTheConfigJson() {
        var config = ImageConfigJson.runConfig(Changes.apply(List.of("HEALTHCHECK --retries=2 CMD true")));
        var again = ImageConfigJson.runConfig(ImageConfigJson.toJson(config));
        assertThat(again.healthcheck()).isEqualTo(config.healthcheck());
        assertThat(ImageConfigJson.toJson(config).get("Healthcheck").toString())
                .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Retries\":2}");
    }

    @Test
    void badInstructionsAreRefused() {
        assertThatThrownBy(() -> health("HEALTHCHECK --interval=5 CMD true")).isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessageContaining("missing unit");
        assertThatThrownBy(() -> health("HEALTHCHECK RUN true")).isInstanceOf(BerthException.InvalidArgument.class);
        assertThatThrownBy(() -> health("HEALTHCHECK --bogus=1 CMD true")).isInstanceOf(BerthException.InvalidArgument.class);
    }
}
