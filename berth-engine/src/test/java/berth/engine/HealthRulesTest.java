package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.engine.model.ContainerConfig.Healthcheck;
import berth.engine.model.Health;
import berth.image.Image;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's health status rules, merging and defaults. */
class HealthRulesTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    private static Health.Result result(int code, long secondsAfterStart) {
        Instant at = STARTED.plusSeconds(secondsAfterStart);
        return new Health.Result(at, at.plusMillis(10), code, "");
    }

    private static Health run(Duration startPeriod, int retries, int... codes) {
        Health h = Health.ABSENT.restarted();
        for (int i = 0; i < codes.length; i++) h = HealthMonitor.next(h, result(codes[i], i + 1), STARTED, startPeriod, retries);
        return h;
    }

    @Test
    void healthyAtTheFirstSuccessUnhealthyAfterRetriesFailures() {
        assertThat(run(Duration.ZERO, 3, 0).status()).isEqualTo("healthy");
        Health h = run(Duration.ZERO, 3, 0, 1, 1);
        assertThat(h.status()).isEqualTo("healthy");
        assertThat(h.failingStreak()).isEqualTo(2);
        h = run(Duration.ZERO, 3, 0, 1, 1, 2);
        assertThat(h.status()).isEqualTo("unhealthy");
        assertThat(h.failingStreak()).isEqualTo(3);
        assertThat(run(Duration.ZERO, 3, 0, 1, 1, 1, 0).failingStreak()).isZero();
    }

    @Test
    void failuresInTheStartPeriodDoNotCountWhileStarting() {
        Health h = run(Duration.ofSeconds(3), 1, 1, 1);
        assertThat(h.status()).isEqualTo("starting");
        assertThat(h.failingStreak()).isZero();
        assertThat(run(Duration.ofSeconds(3), 1, 1, 1, 1).status()).isEqualTo("unhealthy");
    }

    @Test
    void keepsTheLastFiveResultsAndRestartKeepsTheLog() {
        Health h = run(Duration.ZERO, 3, 0, 0, 0, 0, 0, 0, 1);
        assertThat(h.log()).hasSize(5);
        assertThat(h.log().getLast().exitCode()).isEqualTo(1);
        Health again = h.restarted();
        assertThat(again.status()).isEqualTo("starting");
        assertThat(again.failingStreak()).isZero();
        assertThat(again.log()).isEqualTo(h.log());
        assertThat(again.summary()).isEqualTo("health: starting");
    }

    @Test
    void clientSettingsOverTheImageAndDockerDefaults() {
        var image = new Image.Healthcheck(List.of("CMD", "check"), 5_000_000_000L, 0, 0, 0, 7);
        Healthcheck merged = HealthConfigs.merge(new Healthcheck(List.of(), 0, 2_000_000_000L, 0, 0, 0), image);
        assertThat(merged.test()).containsExactly("CMD", "check");
        assertThat(HealthConfigs.interval(merged)).isEqualTo(Duration.ofSeconds(5));
        assertThat(HealthConfigs.timeout(merged)).isEqualTo(Duration.ofSeconds(2));
        assertThat(HealthConfigs.retries(merged)).isEqualTo(7);
        Healthcheck none = new Healthcheck(List.of("CMD-SHELL", "x"), 0, 0, 0, 0, 0);
        assertThat(HealthConfigs.interval(none)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HealthConfigs.timeout(none)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HealthConfigs.retries(none)).isEqualTo(3);
        assertThat(HealthConfigs.probe(none)).containsExactly("/bin/sh", "-c", "x");
        assertThat(HealthConfigs.probe(new Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0))).isEmpty();
        assertThat(HealthConfigs.merge(null, Image.Healthcheck.NONE)).isNull();
    }

    @Test
    void validationAsTheDaemon() {
        assertThatThrownBy(() -> HealthConfigs.validate(new Healthcheck(List.of("CMD", "x"), 10, 0, 0, 0, 0)))
                .hasMessage("Interval in Healthcheck cannot be less than 1ms");
        assertThatThrownBy(() -> HealthConfigs.validate(new Healthcheck(List.of("CMD", "x"), 0, 0, 0, 0, -1)))
                .hasMessage("Retries in Healthcheck cannot be negative");
    }

    @Test
    void goDurationsAsDockerPrintsThem() {
        assertThat(GoDurations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDurations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(GoDurations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDurations.format(Duration.ofHours(2))).isEqualTo("2h0m0s");
    }
}
