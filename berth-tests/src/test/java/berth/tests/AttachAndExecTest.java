package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Attach and exec through docker-java's hijacked connections: stdin reaches the process, attaching before
 * the start misses nothing, logs=1 replays, stream selection, terminal sizes, exec inspect while running
 * and after, and Docker's refusals. (docker-java's zerodep transport never half-closes stdin, so the
 * processes here read what they need rather than to EOF; the end of stdin is tested with the CLIs.)
 */
@ExtendWith(BerthExtension.class)
class AttachAndExecTest {

    private static ByteArrayInputStream input(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void attachBeforeStartGetsStdinAndAllOutput(DockerClient client) throws Exception {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("att")).withStdinOpen(true).withStdInOnce(true)
                .withCmd("sh", "-c", "echo first; head -n 1; echo end >&2; exit 3").exec().getId();
        var frames = client.attachContainerCmd(id).withStdIn(input("from stdin\n")).withStdOut(true).withStdErr(true)
                .withFollowStream(true).exec(new Frames());
        Thread.sleep(300); // the attach is registered before the start, as the docker CLI does it
        client.startContainerCmd(id).exec();
        frames.await();
        assertThat(frames.stdout()).isEqualTo("first\nfrom stdin\n");
        assertThat(frames.stderr()).isEqualTo("end\n");
        assertThat(waitExit(client, id)).isEqualTo(3);
        client.removeContainerCmd(id).exec();
    }

    @Test
    void attachWithLogsReplaysAndSelectsStreams(DockerClient client) throws Exception {
        var id = run(client, uniqueName("replay"), "sh", "-c", "echo a; echo x >&2; sleep 1.5; echo b; echo y >&2");
        Thread.sleep(700);
        var frames = client.attachContainerCmd(id).withStdOut(true).withStdErr(false).withLogs(true)
                .withFollowStream(true).exec(new Frames()).await();
        assertThat(frames.stdout()).isEqualTo("a\nb\n");
        assertThat(frames.stderr()).isEmpty();
        assertThat(waitExit(client, id)).isZero();
        client.removeContainerCmd(id).exec();
    }

    @Test
    void resizeReachesTheContainersTerminal(DockerClient client) {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("tty")).withTty(true)
                .withCmd("sleep", "100").exec().getId();
        assertThatThrownBy(() -> client.resizeContainerCmd(id).withSize(40, 120).exec())
                .isInstanceOf(ConflictException.class).hasMessageContaining("is not running");
        client.startContainerCmd(id).exec();
        client.resizeContainerCmd(id).withSize(40, 120).exec();
        assertThat(exec(client, id, "stty", "-F", "/dev/console", "size").all()).isEqualTo("40 120\r\n");
        client.resizeContainerCmd(id).withSize(25, 90).exec();
        assertThat(exec(client, id, "stty", "-F", "/dev/console", "size").all()).isEqualTo("25 90\r\n");
        client.removeContainerCmd(id).withForce(true).exec();
    }

    /** An exec with a TTY: one raw stream, CRLF line ends as a terminal makes them. */
    private static Frames exec(DockerClient client, String id, String... cmd) {
        var exec = client.execCreateCmd(id).withCmd(cmd).withAttachStdout(true).withAttachStderr(true)
                .withTty(true).exec().getId();
        return client.execStartCmd(exec).withTty(true).exec(new Frames()).await();
    }

    @Test
    void execStdinReachesTheProcess(DockerClient client) {
        var id = run(client, uniqueName("exin"), "sleep", "100");
        var exec = client.execCreateCmd(id).withCmd("sh", "-c", "read a; read b; read c; echo $c$b$a; exit 2").withAttachStdin(true)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        var frames = client.execStartCmd(exec).withStdIn(input("1\n2\n3\n")).exec(new Frames()).await();
        assertThat(frames.stdout()).isEqualTo("321\n");
        // docker-java may end the callback when its stdin is done, a moment before the process exits
        awaitExec(client, exec, Duration.ofSeconds(10));
        assertThat(client.inspectExecCmd(exec).exec().getExitCodeLong()).isEqualTo(2);
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void execInspectWhileRunningAndAfter(DockerClient client) throws Exception {
        var id = run(client, uniqueName("exins"), "sleep", "100");
        var exec = client.execCreateCmd(id).withCmd("sleep", "1").withTty(true).withUser("1000")
                .exec().getId();
        var before = client.inspectExecCmd(exec).exec();
        assertThat(before.isRunning()).isFalse();
        assertThat(before.getExitCodeLong()).isNull();
        client.execStartCmd(exec).withDetach(true).exec(new Frames()).awaitCompletion(10, TimeUnit.SECONDS);
        var during = client.inspectExecCmd(exec).exec();
        assertThat(during.isRunning()).isTrue();
        assertThat(during.getPidLong()).isPositive();
        assertThat(during.getProcessConfig().getEntryPoint()).isEqualTo("sleep");
        assertThat(during.getProcessConfig().getArguments()).containsExactly("1");
        assertThat(during.getProcessConfig().isTty()).isTrue();
        assertThat(during.getProcessConfig().getUser()).isEqualTo("1000");
        awaitExec(client, exec, Duration.ofSeconds(10));
        assertThat(client.inspectExecCmd(exec).exec().getExitCodeLong()).isZero();
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void execProcessesEndWithTheirContainer(DockerClient client) {
        var id = run(client, uniqueName("exend"), "sleep", "100");
        var exec = client.execCreateCmd(id).withCmd("sleep", "100").exec().getId();
        client.execStartCmd(exec).withDetach(true).exec(new Frames()).await();
        assertThat(client.inspectExecCmd(exec).exec().isRunning()).isTrue();
        client.killContainerCmd(id).exec();
        awaitExec(client, exec, Duration.ofSeconds(10));
        assertThat(client.inspectExecCmd(exec).exec().getExitCodeLong()).isEqualTo(137);
        client.removeContainerCmd(id).exec();
    }

    @Test
    void execOfAMissingCommandSaysWhyAndGives127(DockerClient client) {
        var id = run(client, uniqueName("exmiss"), "sleep", "100");
        var exec = client.execCreateCmd(id).withCmd("no-such-tool").withAttachStdout(true).withAttachStderr(true)
                .exec().getId();
        var frames = client.execStartCmd(exec).exec(new Frames()).await();
        assertThat(frames.stdout() + frames.stderr()).contains("no-such-tool", "executable file not found");
        assertThat(client.inspectExecCmd(exec).exec().getExitCodeLong()).isEqualTo(127);
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void detachedExecsThatKeepRunningLeaveTheDaemonResponsive(DockerClient client) {
        var id = run(client, uniqueName("exdet"), "sleep", "100");
        // more long-lived execs than this machine has cores: each holds a blocking pipe read in berthd
        for (int i = 0; i < 4; i++) {
            var exec = client.execCreateCmd(id).withCmd("sleep", "100").exec().getId();
            client.execStartCmd(exec).withDetach(true).exec(new Frames()).await();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            var exec = client.execCreateCmd(id).withCmd("echo", "still here").withAttachStdout(true).exec().getId();
            assertThat(client.execStartCmd(exec).exec(new Frames()).await().stdout()).isEqualTo("still here\n");
            assertThat(client.listContainersCmd().exec()).extracting(c -> c.getId()).contains(id);
        });
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void execIntoAPausedContainerIsRefused(DockerClient client) {
        var id = run(client, uniqueName("expause"), "sleep", "100");
        client.pauseContainerCmd(id).exec();
        assertThatThrownBy(() -> client.execCreateCmd(id).withCmd("true").exec())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is paused, unpause the container before exec");
        client.unpauseContainerCmd(id).exec();
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void resizeOfAnUnknownExecIs404(DockerClient client) {
        assertThatThrownBy(() -> client.resizeExecCmd("f".repeat(64)).withSize(10, 10).exec())
                .isInstanceOf(NotFoundException.class).hasMessageContaining("No such exec instance");
    }

    private static void awaitExec(DockerClient client, String exec, Duration limit) {
        var deadline = Instant.now().plus(limit);
        while (client.inspectExecCmd(exec).exec().isRunning()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("exec still running after " + limit);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
