package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.StreamType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logs and exec streams: stdout and stderr in separate frames, tails, timestamps, exit codes. */
@ExtendWith(BerthExtension.class)
class LogsAndExecTest {

    private static final String THREE_LINES = "echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; echo out2";

    @Test
    void logsKeepStdoutAndStderrApart(DockerClient client) {
        var id = run(client, uniqueName("logs"), "sh", "-c", THREE_LINES);
        assertThat(waitExit(client, id)).isZero();
        var frames = Frames.logs(client, id);
        assertThat(frames.stdout()).isEqualTo("out1\nout2\n");
        assertThat(frames.stderr()).isEqualTo("err1\n");
        assertThat(frames.types()).containsExactlyInAnyOrder(StreamType.STDOUT, StreamType.STDERR);
        client.removeContainerCmd(id).exec();
    }

    @Test
    void logsTailAndTimestamps(DockerClient client) {
        var id = run(client, uniqueName("tail"), "sh", "-c", THREE_LINES);
        assertThat(waitExit(client, id)).isZero();
        var tail = Frames.logs(client, id, 1, false);
        assertThat(tail.stdout()).isEqualTo("out2\n");
        assertThat(tail.stderr()).isEmpty();

        var stamped = Frames.logs(client, id, -1, true);
        assertThat(stamped.stdout().lines())
                .hasSize(2)
                .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z out\\d"));
        client.removeContainerCmd(id).exec();
    }

    @Test
    void execReportsOutputAndExitCode(DockerClient client) {
        var id = run(client, uniqueName("exec"), "sleep", "300");
        var exec = client.execCreateCmd(id).withAttachStdout(true).withAttachStderr(true)
                .withCmd("sh", "-c", "echo out; echo err >&2; exit 3").exec().getId();
        var frames = client.execStartCmd(exec).exec(new Frames()).await();
        assertThat(frames.stdout()).isEqualTo("out\n");
        assertThat(frames.stderr()).isEqualTo("err\n");
        var inspect = client.inspectExecCmd(exec).exec();
        assertThat(inspect.getExitCodeLong()).isEqualTo(3);
        assertThat(inspect.isRunning()).isFalse();
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void execHonoursEnvWorkdirAndUser(DockerClient client) {
        var id = run(client, uniqueName("execenv"), "sleep", "300");
        var exec = client.execCreateCmd(id).withAttachStdout(true).withAttachStderr(true)
                .withEnv(java.util.List.of("X=y")).withWorkingDir("/tmp").withUser("1000")
                .withCmd("sh", "-c", "echo $X $(pwd) $(id -u)").exec().getId();
        assertThat(client.execStartCmd(exec).exec(new Frames()).await().stdout()).isEqualTo("y /tmp 1000\n");
        assertThat(client.inspectExecCmd(exec).exec().getExitCodeLong()).isZero();
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void execInAStoppedContainerIsAConflict(DockerClient client) {
        var id = run(client, uniqueName("execstop"), "true");
        assertThat(waitExit(client, id)).isZero();
        assertThatThrownBy(() -> client.execCreateCmd(id).withCmd("echo", "hi").withAttachStdout(true).exec())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is not running");
        client.removeContainerCmd(id).exec();
    }
}
