package berth.api.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void formatAlwaysHasNineFractionDigits() {
        assertThat(Timestamps.format(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05.000000000Z");
        assertThat(Timestamps.format(Instant.ofEpochSecond(0, 1))).isEqualTo("1970-01-01T00:00:00.000000001Z");
    }

    @Test
    void parsesUnixSecondsWithFraction() {
        assertThat(Timestamps.parse("1700000000")).hasValue(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(Timestamps.parse("1700000000.5")).hasValue(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
        assertThat(Timestamps.parse("1700000000.000000001")).hasValue(Instant.ofEpochSecond(1_700_000_000L, 1));
    }

    @Test
    void parsesRfc3339AndTreatsZeroAsUnset() {
        assertThat(Timestamps.parse("2024-01-02T03:04:05Z")).hasValue(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(Timestamps.parse("0")).isEmpty();
        assertThat(Timestamps.parse("")).isEmpty();
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).isInstanceOf(BerthException.InvalidArgument.class);
    }
}
