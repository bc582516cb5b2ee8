package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Each transition of Docker's container state machine, checked with inspect. */
@ExtendWith(BerthExtension.class)
class ContainerLifecycleTest {

    @Test
    void createStartStopStartKillWaitRemove(DockerClient client) {
        var name = uniqueName("life");
        var id = client.createContainerCmd(IMAGE).withName(name).withCmd("sleep", "300").exec().getId();
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(state(client, id).getStatus()).isEqualTo("created");

        client.startContainerCmd(id).exec();
        var running = state(client, id);
        assertThat(running.getStatus()).isEqualTo("running");
        assertThat(running.getRunning()).isTrue();
        assertThat(running.getPidLong()).isPositive();
        assertThat(Instant.parse(running.getStartedAt())).isAfter(Instant.now().minusSeconds(60));

        // sleep as PID 1 ignores SIGTERM: SIGKILL after the timeout, exit code 137
        client.stopContainerCmd(id).withTimeout(1).exec();
        var stopped = state(client, id);
        assertThat(stopped.getStatus()).isEqualTo("exited");
        assertThat(stopped.getRunning()).isFalse();
        assertThat(stopped.getExitCodeLong()).isEqualTo(137);
        assertThat(stopped.getPidLong()).isZero();

        client.startContainerCmd(id).exec();
        assertThat(state(client, id).getStatus()).isEqualTo("running");

        client.killContainerCmd(id).exec();
        assertThat(waitExit(client, id)).isEqualTo(137);
        assertThat(state(client, id).getStatus()).isEqualTo("exited");

        client.removeContainerCmd(id).exec();
        assertThat(exists(client, id)).isFalse();
        assertThat(exists(client, name)).isFalse();
    }

    @Test
    void pauseUnpauseRestart(DockerClient client) {
        var id = run(client, uniqueName("pause"), "sleep", "300");
        client.pauseContainerCmd(id).exec();
        var paused = state(client, id);
        assertThat(paused.getStatus()).isEqualTo("paused");
        assertThat(paused.getPaused()).isTrue();
        assertThat(paused.getRunning()).isTrue();

        client.unpauseContainerCmd(id).exec();
        var unpaused = state(client, id);
        assertThat(unpaused.getStatus()).isEqualTo("running");
        assertThat(unpaused.getPaused()).isFalse();

        var pidBefore = unpaused.getPidLong();
        client.restartContainerCmd(id).withTimeout(1).exec();
        var restarted = state(client, id);
        assertThat(restarted.getStatus()).isEqualTo("running");
        assertThat(restarted.getPidLong()).isPositive().isNotEqualTo(pidBefore);
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void exitCodeIsRecordedAndWaitReturnsIt(DockerClient client) {
        var id = run(client, uniqueName("exit"), "sh", "-c", "exit 3");
        assertThat(waitExit(client, id)).isEqualTo(3);
        var state = state(client, id);
        assertThat(state.getExitCodeLong()).isEqualTo(3);
        assertThat(state.getStatus()).isEqualTo("exited");
        assertThat(Instant.parse(state.getFinishedAt())).isAfterOrEqualTo(Instant.parse(state.getStartedAt()));
        client.removeContainerCmd(id).exec();
    }

    @Test
    void killWithSignalNamedOrNumbered(DockerClient client) {
        var id = run(client, uniqueName("sig"), "sh", "-c", "trap 'exit 42' USR1; while true; do sleep 0.1; done");
        BerthDaemon.sleep(Duration.ofMillis(300)); // let the shell install its trap
        client.killContainerCmd(id).withSignal("USR1").exec();
        assertThat(waitExit(client, id)).isEqualTo(42);
        client.removeContainerCmd(id).exec();
    }

    @Test
    void inspectByNameAndIdPrefixShowsConfig(DockerClient client) {
        var name = uniqueName("insp");
        var id = client.createContainerCmd(IMAGE).withName(name).withCmd("echo", "x")
                .withEnv("A=b").withWorkingDir("/tmp").withLabels(java.util.Map.of("k", "v")).exec().getId();
        var byName = client.inspectContainerCmd(name).exec();
        var byPrefix = client.inspectContainerCmd(id.substring(0, 12)).exec();
        assertThat(byName.getId()).isEqualTo(id);
        assertThat(byPrefix.getId()).isEqualTo(id);
        assertThat(byName.getName()).isEqualTo("/" + name);
        assertThat(byName.getPath()).isEqualTo("echo");
        assertThat(byName.getArgs()).containsExactly("x");
        assertThat(byName.getConfig().getEnv()).contains("A=b");
        assertThat(byName.getConfig().getWorkingDir()).isEqualTo("/tmp");
        assertThat(byName.getConfig().getLabels()).containsEntry("k", "v");
        assertThat(byName.getConfig().getImage()).isEqualTo(IMAGE);
        // docker-java's GraphData lacks the overlay dirs; tests/conformance/docker-cli.sh checks them
        assertThat(byName.getGraphDriver().getName()).isEqualTo("overlay2");
        client.removeContainerCmd(id).exec();
    }

    @Test
    void hostnameIsTheShortId(DockerClient client) {
        var id = run(client, uniqueName("host"), "hostname");
        assertThat(waitExit(client, id)).isZero();
        assertThat(Frames.logs(client, id).stdout()).isEqualTo(id.substring(0, 12) + "\n");
        client.removeContainerCmd(id).exec();
    }

    @Test
    void autoRemoveContainerIsGoneAfterExit(DockerClient client) {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("auto")).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withAutoRemove(true)).exec().getId();
        client.startContainerCmd(id).exec();
        assertThat(awaitGone(client, id, Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void fileSurvivesStopAndStartButNotANewContainer(DockerClient client) {
        var id = run(client, uniqueName("fs"), "sh", "-c", "cat /marker 2>/dev/null; echo written > /marker");
        assertThat(waitExit(client, id)).isZero();
        client.startContainerCmd(id).exec();
        assertThat(waitExit(client, id)).isZero();
        assertThat(Frames.logs(client, id).stdout()).isEqualTo("written\n");

        var other = run(client, uniqueName("fs2"), "cat", "/marker");
        assertThat(waitExit(client, other)).isEqualTo(1);
        client.removeContainerCmd(id).exec();
        client.removeContainerCmd(other).exec();
    }
}
