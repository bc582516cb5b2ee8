package berth.tests;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Containers outlive the daemon: kill -9 berthd, let a container finish meanwhile, restart on
 * the same roots, and find its exit code and complete logs; a long-running one is untouched.
 */
class KillNineTest {

    private static final String COUNT_TO_FIVE = "for i in 1 2 3 4 5; do echo $i; sleep 1; done";

    @Test
    void containersOutliveAKilledDaemon() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var counter = run(client, uniqueName("count"), "sh", "-c", COUNT_TO_FIVE);
            var sleeper = run(client, uniqueName("sleeper"), "sleep", "300");
            var counterPid = state(client, counter).getPidLong();
            var sleeperPid = state(client, sleeper).getPidLong();
            assertThat(counterPid).isPositive();

            daemon.kill9();
            assertThat(awaitProcessGone(counterPid, Duration.ofSeconds(30)))
                    .as("the counting container ends by itself while berthd is down").isTrue();
            assertThat(processAlive(sleeperPid)).as("a running container survives the daemon's death").isTrue();

            daemon.restart();
            client = daemon.client();
            var ended = state(client, counter);
            assertThat(ended.getStatus()).isEqualTo("exited");
            assertThat(ended.getExitCodeLong()).isZero();
            assertThat(ended.getRunning()).isFalse();
            assertThat(Frames.logs(client, counter).stdout()).isEqualTo("1\n2\n3\n4\n5\n");
            assertThat(waitExit(client, counter)).isZero();

            var survivor = state(client, sleeper);
            assertThat(survivor.getStatus()).isEqualTo("running");
            assertThat(survivor.getPidLong()).isEqualTo(sleeperPid);
            client.stopContainerCmd(sleeper).withTimeout(1).exec();
            assertThat(state(client, sleeper).getExitCodeLong()).isEqualTo(137);
            assertThat(processAlive(sleeperPid)).isFalse();
        }
    }

    @Test
    void outputWrittenWhileTheDaemonIsDownIsKept() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var id = run(client, uniqueName("talker"), "sh", "-c", "sleep 2; echo late; echo late-err >&2; sleep 300");
            daemon.kill9();
            BerthDaemon.sleep(Duration.ofSeconds(3));
            daemon.restart();
            client = daemon.client();
            var frames = Frames.logs(client, id);
            assertThat(frames.stdout()).isEqualTo("late\n");
            assertThat(frames.stderr()).isEqualTo("late-err\n");
            client.removeContainerCmd(id).withForce(true).exec();
            assertThat(exists(client, id)).isFalse();
        }
    }

    private static boolean processAlive(long pid) {
        return Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    private static boolean awaitProcessGone(long pid, Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!processAlive(pid) || isZombie(pid)) {
                return true;
            }
            BerthDaemon.sleep(Duration.ofMillis(100));
        }
        return false;
    }

    /** An exited container's PID 1 may linger as a zombie until its monitor reaps it. */
    private static boolean isZombie(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return true;
        }
    }
}
