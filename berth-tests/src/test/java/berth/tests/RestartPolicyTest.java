package berth.tests;

import static berth.tests.Containers.IMAGE;
import static berth.tests.Containers.state;
import static berth.tests.Containers.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Restart policies with the real runtime: on-failure:N gives up after N restarts, a restarting container
 * shows as such and can be removed, and at daemon start (after a kill -9) always containers come back,
 * unless-stopped ones only if the user did not stop them, and one that died while berthd was away restarts.
 */
class RestartPolicyTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static String run(DockerClient client, RestartPolicy policy, String... cmd) {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("restart"))
                .withHostConfig(HostConfig.newHostConfig().withRestartPolicy(policy)).withCmd(cmd).exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    /** Polls inspect until {@code condition} holds; fails after a generous time. */
    static InspectContainerResponse await(DockerClient client, String id, String what,
                                          Predicate<InspectContainerResponse> condition) {
        var deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            var inspect = client.inspectContainerCmd(id).exec();
            if (condition.test(inspect)) return inspect;
            BerthDaemon.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("container " + id + " never became " + what + ": " + client.inspectContainerCmd(id).exec().getState());
    }

    @Test
    void onFailureTwoRestartsTwiceThenStops() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var since = Instant.now();
            var id = run(client, RestartPolicy.onFailureRestart(2), "sh", "-c", "exit 3");
            var done = await(client, id, "exited after 2 restarts",
                    i -> i.getRestartCount() == 2 && "exited".equals(i.getState().getStatus()));
            assertThat(done.getState().getExitCodeLong()).isEqualTo(3);
            assertThat(done.getState().getRunning()).isFalse();
            BerthDaemon.sleep(Duration.ofSeconds(1)); // the policy is done: nothing starts it again
            assertThat(client.inspectContainerCmd(id).exec().getRestartCount()).isEqualTo(2);
            assertThat(state(client, id).getStatus()).isEqualTo("exited");
            var events = new EventsTest.Collected();
            client.eventsCmd().withSince(EventsTest.seconds(since)).withUntil(EventsTest.seconds(Instant.now()))
                    .withContainerFilter(id).exec(events).awaitCompletion(20, TimeUnit.SECONDS);
            // Docker: die → start per policy restart, no restart event
            assertThat(events.actions().stream().filter(a -> a.equals("start") || a.equals("die") || a.equals("restart")))
                    .containsExactly("start", "die", "start", "die", "start", "die");
        }
    }

    @Test
    void restartingContainerShowsSoAndIsRemovedWithForce() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            // the back-off doubles at each quick exit, so a restarting spell soon lasts seconds
            var id = run(client, RestartPolicy.alwaysRestart(), "sh", "-c", "exit 1");
            var restarting = await(client, id, "restarting", i -> Boolean.TRUE.equals(i.getState().getRestarting()));
            assertThat(restarting.getState().getStatus()).isEqualTo("restarting");
            assertThat(restarting.getState().getRunning()).isTrue();
            assertThat(restarting.getRestartCount()).isPositive();
            var row = client.listContainersCmd().withIdFilter(List.of(id)).exec();
            assertThat(row).singleElement().satisfies(c -> assertThat(c.getStatus()).startsWith("Restarting (1) "));
            client.removeContainerCmd(id).withForce(true).exec();
            BerthDaemon.sleep(Duration.ofSeconds(2)); // a pending restart must not bring it back
            assertThat(Containers.exists(client, id)).isFalse();
        }
    }

    @Test
    void atDaemonStartAlwaysComesBackUnlessStoppedOnlyIfNotStoppedByTheUser() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var alwaysStopped = run(client, RestartPolicy.alwaysRestart(), "sleep", "300");
            var unlessStopped = run(client, RestartPolicy.unlessStoppedRestart(), "sleep", "300");
            var diesWhileAway = run(client, RestartPolicy.unlessStoppedRestart(), "sleep", "300");
            var never = run(client, RestartPolicy.noRestart(), "sh", "-c", "exit 1");
            client.stopContainerCmd(alwaysStopped).withTimeout(1).exec();
            client.stopContainerCmd(unlessStopped).withTimeout(1).exec();
            Containers.waitExit(client, never);
            BerthDaemon.sleep(Duration.ofSeconds(1)); // a user stop is final while the daemon runs
            assertThat(state(client, alwaysStopped).getStatus()).isEqualTo("exited");
            long oldPid = state(client, diesWhileAway).getPidLong();

            daemon.kill9();
            new ProcessBuilder("kill", "-9", Long.toString(oldPid)).start().waitFor();
            daemon.restart();
            client = daemon.client();

            var back = await(client, alwaysStopped, "running", i -> "running".equals(i.getState().getStatus()));
            assertThat(back.getRestartCount()).isZero();
            var revived = await(client, diesWhileAway, "running again", i -> "running".equals(i.getState().getStatus())
                    && i.getState().getPidLong() != oldPid);
            assertThat(revived.getState().getPidLong()).isPositive();
            assertThat(state(client, unlessStopped).getStatus()).isEqualTo("exited");
            assertThat(state(client, never).getStatus()).isEqualTo("exited");
        }
    }

    @Test
    void invalidPoliciesAreRefusedAsDockerRefusesThem() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            // (docker-java drops a count given with another policy than on-failure: the CLI suite checks that one)
            var negative = client.createContainerCmd(IMAGE).withCmd("true")
                    .withHostConfig(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.onFailureRestart(-1)));
            org.assertj.core.api.Assertions.assertThatThrownBy(negative::exec).isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("invalid restart policy: maximum retry count cannot be negative");
            var autoRemove = client.createContainerCmd(IMAGE).withCmd("true").withHostConfig(HostConfig.newHostConfig()
                    .withAutoRemove(true).withRestartPolicy(RestartPolicy.alwaysRestart()));
            org.assertj.core.api.Assertions.assertThatThrownBy(autoRemove::exec).isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("can't create 'AutoRemove' container with restart policy");
        }
    }
}
