package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import berth.engine.model.ContainerConfig;
import berth.engine.model.HostConfig;
import berth.engine.model.HostConfig.RestartPolicy;
import berth.engine.model.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restart policies' rules and Docker's back-off, with a fixed clock and a recording scheduler. */
class RestartRulesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Duration> scheduled = new ArrayList<>();
    private final List<Boolean> cancelled = new ArrayList<>();
    private final RestartManager manager = new RestartManager(Clock.fixed(T0, ZoneOffset.UTC), (delay, task) -> {
        scheduled.add(delay);
        int i = cancelled.size();
        cancelled.add(false);
        return () -> cancelled.set(i, true);
    });

    private static Container container(String policy, int max, int restartCount, boolean manuallyStopped) {
        var host = HostConfig.defaults().withRestartPolicy(new RestartPolicy(policy, max));
        var config = new ContainerConfig("h", "", "", false, false, false, null, false, false, false, List.of(),
                List.of("true"), "busybox", null, "", List.of(), null, "", null, null);
        return new Container("c".repeat(64), "n", T0, "true", List.of(), config, host, "sha256:x", Status.RUNNING, 1, 0,
                "", T0, Instant.EPOCH, restartCount, List.of(), manuallyStopped, null, false);
    }

    private Optional<Duration> exitAfter(Container c, int code, Duration ran) {
        return manager.onExit(c, code, c.startedAt().plus(ran));
    }

    @Test
    void backoffDoublesFrom100msToOneMinute() {
        var b = RestartBackoff.NONE;
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            b = b.next(Duration.ofSeconds(1));
            millis.add(b.delay().toMillis());
        }
        assertThat(millis).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 51200L,
                60000L, 60000L);
    }

    @Test
    void backoffStartsOverAfterARunOfTenSeconds() {
        var b = RestartBackoff.NONE.next(Duration.ZERO).next(Duration.ZERO).next(Duration.ZERO);
        assertThat(b.delay()).isEqualTo(Duration.ofMillis(400));
        assertThat(b.next(Duration.ofMillis(9999)).delay()).isEqualTo(Duration.ofMillis(800));
        assertThat(b.next(Duration.ofSeconds(10)).delay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void decisionsFollowDocker() {
        assertThat(RestartPolicies.shouldRestart(new RestartPolicy("no", 0), 1, 0, false)).isFalse();
        assertThat(RestartPolicies.shouldRestart(new RestartPolicy("always", 0), 0, 50, true)).isTrue();
        assertThat(RestartPolicies.shouldRestart(new RestartPolicy("unless-stopped", 0), 0, 0, false)).isTrue();
        assertThat(RestartPolicies.shouldRestart(new RestartPolicy("unless-stopped", 0), 0, 0, true)).isFalse();
        assertThat(RestartPolicies.shouldRestart(new RestartPolicy("on-failure", 0), 0, 0, false)).isFalse();
        assertThat(RestartPolicies.shouldRestart(new RestartPolicy("on-failure", 0), 1, 1000, false)).isTrue();
        assertThat(RestartPolicies.shouldRestart(new RestartPolicy("on-failure", 2), 1, 1, false)).isTrue();
        assertThat(RestartPolicies.shouldRestart(new RestartPolicy("on-failure", 2), 1, 2, false)).isFalse();
    }

    @Test
    void managerSchedulesWithGrowingDelaysUntilOnFailureGivesUp() {
        assertThat(exitAfter(container("on-failure", 2, 0, false), 3, Duration.ofMillis(5))).contains(Duration.ofMillis(100));
        assertThat(exitAfter(container("on-failure", 2, 1, false), 3, Duration.ofMillis(5))).contains(Duration.ofMillis(200));
        assertThat(exitAfter(container("on-failure", 2, 2, false), 3, Duration.ofMillis(5))).isEmpty();
    }

    @Test
    void aUserStopCancelsThePolicyAndThePendingRestart() {
        Container c = container("always", 0, 0, false);
        Duration delay = exitAfter(c, 0, Duration.ofSeconds(1)).orElseThrow();
        manager.schedule(c.id(), delay, () -> { });
        assertThat(scheduled).containsExactly(Duration.ofMillis(100));
        manager.cancel(c.id());
        assertThat(cancelled).containsExactly(true);
        assertThat(exitAfter(c, 0, Duration.ofSeconds(1))).isEmpty();
        manager.reset(c.id()); // a start by the user
        assertThat(exitAfter(c, 0, Duration.ofSeconds(1))).contains(Duration.ofMillis(100));
    }

    @Test
    void validationAsTheDaemon() {
        assertThatThrownBy(() -> RestartPolicies.validate(HostConfig.defaults().withRestartPolicy(new RestartPolicy("foo", 0))))
                .isInstanceOf(BerthException.InvalidArgument.class).hasMessage("invalid restart policy: unknown policy "
                        + "'foo'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        assertThatThrownBy(() -> RestartPolicies.validate(HostConfig.defaults().withRestartPolicy(new RestartPolicy("always", 3))))
                .hasMessage("invalid restart policy: maximum retry count can only be used with 'on-failure'");
        assertThatThrownBy(() -> RestartPolicies.validate(HostConfig.defaults().withRestartPolicy(new RestartPolicy("on-failure", -1))))
                .hasMessage("invalid restart policy: maximum retry count cannot be negative");
        RestartPolicies.validate(HostConfig.defaults().withRestartPolicy(new RestartPolicy("on-failure", 5)));
    }
}
