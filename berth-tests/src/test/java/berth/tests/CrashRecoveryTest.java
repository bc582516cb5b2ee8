package berth.tests;

import static berth.tests.Containers.run;
import static berth.tests.Containers.state;
import static berth.tests.Containers.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The states a kill -9 can leave mid-operation, made on purpose (the chaos test finds them by chance):
 * the restarted daemon must finish or undo each one.
 */
class CrashRecoveryTest {

    /** A commit pauses a running container and marks the pause as its own; killed before the thaw, the next
     * daemon thaws it. A pause the user asked for stays. */
    @Test
    void aPauseOfAnInterruptedCommitEndsAtRestartAndAUsersPauseStays() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var committing = run(client, uniqueName("committing"), "sleep", "300");
            var userPaused = run(client, uniqueName("paused"), "sleep", "300");
            client.pauseContainerCmd(committing).exec();
            client.pauseContainerCmd(userPaused).exec();
            // what LocalContainerFiles.commit leaves while it reads the layer
            Files.writeString(daemon.dataRoot().resolve("containers").resolve(committing).resolve("commit-paused"), "");

            daemon.kill9();
            daemon.restart();
            client = daemon.client();

            assertThat(state(client, committing).getStatus()).isEqualTo("running");
            assertThat(state(client, committing).getPaused()).isFalse();
            var exec = client.execCreateCmd(committing).withCmd("true").exec().getId();
            client.execStartCmd(exec).start().awaitCompletion();
            assertThat(client.inspectExecCmd(exec).exec().getExitCodeLong()).as("a thawed container runs").isZero();
            assertThat(state(client, userPaused).getStatus()).isEqualTo("paused");
            assertThat(daemon.dataRoot().resolve("containers").resolve(committing).resolve("commit-paused")).doesNotExist();
        }
    }

    /** A daemon killed between spawning conmon's launcher and opening the sync FIFO leaves the launcher blocked
     * in open(2) for ever; the next daemon kills it. */
    @Test
    void aMonitorLauncherLeftWaitingOnItsSyncFifoIsKilledAtRestart() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            Path bundle = Files.createDirectories(daemon.execRoot().resolve("bundles").resolve("stale"));
            Path fifo = bundle.resolve("sync.fifo");
            Shell.run(List.of("mkfifo", fifo.toString()));
            var launcher = new ProcessBuilder("/bin/sh", "-c", "exec \"$0\" \"$@\" 3>\"$BERTH_SYNC\"", "/usr/bin/conmon",
                    "-b", bundle.toString(), "--runtime-arg", "--root=" + daemon.execRoot().resolve("runc"));
            launcher.environment().put("BERTH_SYNC", fifo.toString());
            var stale = launcher.start();
            try {
                daemon.kill9();
                BerthDaemon.sleep(Duration.ofMillis(200));
                assertThat(stale.isAlive()).as("the launcher waits for a reader").isTrue();
                daemon.restart();
                assertThat(stale.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("killed at restart").isTrue();
                assertThat(stale.exitValue()).isEqualTo(128 + 9);
            } finally {
                stale.destroyForcibly();
            }
        }
    }
}
