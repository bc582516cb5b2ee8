package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliRunTest {
    @TempDir Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int berth(ScriptedDaemon d, String... args) {
        return d.berth(RunOptionsTest.session(out, err), args);
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }

    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void runAttachesAndWaitsBeforeStartThenExitsWithTheStatus() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch drained = new CountDownLatch(1);
        ScriptedDaemon.Handler h = (line, body, o) -> {
            if (line.startsWith("GET /_ping")) ScriptedDaemon.reply(o, 200, "OK");
            else if (line.contains("/containers/create")) ScriptedDaemon.reply(o, 201, "{\"Id\":\"cid\",\"Warnings\":[]}");
            else if (line.contains("/attach")) attach(o, started, drained);
            else if (line.contains("/wait")) waitBody(o, drained);
            else if (line.contains("/start")) {
                ScriptedDaemon.reply(o, 204, "");
                started.countDown();
            }
        };
        try (var d = new ScriptedDaemon(dir, h)) {
            assertThat(berth(d, "run", "--rm", "busybox", "sh", "-c", "echo hello")).isEqualTo(3);
            assertThat(stdout()).isEqualTo("hello\n");
            assertThat(stderr()).isEqualTo("oops\n");
            assertThat(d.requests).containsExactly("GET /_ping", "POST /v1.47/containers/create",
                    "POST /v1.47/containers/cid/attach?stream=1&stdout=1&stderr=1",
                    "POST /v1.47/containers/cid/wait?condition=removed", "POST /v1.47/containers/cid/start");
        }
    }

    private static void attach(OutputStream o, CountDownLatch started, CountDownLatch drained) throws Exception {
        o.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        o.flush();
        started.await();
        o.write(ScriptedDaemon.frame(1, "hello\n"));
        o.write(ScriptedDaemon.frame(2, "oops\n"));
        o.flush();
        drained.countDown();
    }

    private static void waitBody(OutputStream o, CountDownLatch drained) throws Exception {
        o.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        o.flush();
        drained.await();
        o.write("10\r\n{\"StatusCode\":3}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        o.flush();
    }

    @Test
    void unknownImageIsReportedLikeDocker() throws Exception {
        ScriptedDaemon.Handler h = (line, body, o) -> {
            if (line.startsWith("GET /_ping")) ScriptedDaemon.reply(o, 200, "OK");
            else ScriptedDaemon.reply(o, 404, "{\"message\":\"No such image: nope:latest\"}");
        };
        try (var d = new ScriptedDaemon(dir, h)) {
            assertThat(berth(d, "run", "nope")).isEqualTo(125);
            assertThat(stderr()).isEqualTo("Unable to find image 'nope:latest' locally\n"
                    + "berth: Error response from daemon: No such image: nope:latest.\nSee 'berth run --help'.\n");
        }
    }

    @Test
    void startFailureForAMissingExecutableExits127() throws Exception {
        ScriptedDaemon.Handler h = (line, body, o) -> {
            if (line.startsWith("GET /_ping")) ScriptedDaemon.reply(o, 200, "OK");
            else if (line.contains("/create")) ScriptedDaemon.reply(o, 201, "{\"Id\":\"cid\"}");
            else ScriptedDaemon.reply(o, 400, "{\"message\":\"exec: \\\"nope\\\": executable file not found in $PATH\"}");
        };
        try (var d = new ScriptedDaemon(dir, h)) {
            assertThat(berth(d, "run", "-d", "busybox", "nope")).isEqualTo(127);
            assertThat(stderr()).isEqualTo("berth: Error response from daemon: exec: \"nope\": executable file not found in $PATH.\n");
        }
    }

    @Test
    void rmReportsEachFailureAndGoesOn() throws Exception {
        ScriptedDaemon.Handler h = (line, body, o) -> {
            if (line.startsWith("GET /_ping")) ScriptedDaemon.reply(o, 200, "OK");
            else if (line.contains("/containers/a?")) ScriptedDaemon.reply(o, 204, "");
            else ScriptedDaemon.reply(o, 404, "{\"message\":\"No such container: b\"}");
        };
        try (var d = new ScriptedDaemon(dir, h)) {
            assertThat(berth(d, "rm", "-f", "b", "a")).isEqualTo(1);
            assertThat(stdout()).isEqualTo("a\n");
            assertThat(stderr()).isEqualTo("Error response from daemon: No such container: b\n");
            assertThat(d.requests).contains("DELETE /v1.47/containers/a?force=1");
        }
    }

    @Test
    void psQuietAndInspectFallsBackToImages() throws Exception {
        ScriptedDaemon.Handler h = (line, body, o) -> {
            if (line.startsWith("GET /_ping")) ScriptedDaemon.reply(o, 200, "OK");
            else if (line.contains("/containers/json")) ScriptedDaemon.reply(o, 200, "[{\"Id\":\"0123456789abcdef\",\"Names\":[\"/x\"]}]");
            else if (line.contains("/images/busybox/json")) ScriptedDaemon.reply(o, 200, "{\"Id\":\"sha256:1\",\"RepoTags\":[\"busybox:latest\"]}");
            else ScriptedDaemon.reply(o, 404, "{\"message\":\"No such container: busybox\"}");
        };
        try (var d = new ScriptedDaemon(dir, h)) {
            assertThat(berth(d, "container", "ls", "-aq")).isZero();
            assertThat(berth(d, "inspect", "-f", "{{index .RepoTags 0}}", "busybox")).isZero();
            assertThat(stdout()).isEqualTo("0123456789ab\nbusybox:latest\n");
            assertThat(d.requests).contains("GET /v1.47/containers/json?all=1");
        }
    }

    @Test
    void absentDaemon() {
        Session s = RunOptionsTest.session(out, err);
        int code = Main.run(s, new String[] {"-H", "unix://" + dir.resolve("none.sock"), "ps"});
        s.flush();
        assertThat(code).isEqualTo(1);
        assertThat(stderr()).isEqualTo("Cannot connect to the berth daemon at unix://" + dir.resolve("none.sock")
                + ". Is berthd running? (start it with: berthd)\n");
    }

    @Test
    void unknownFlagExits125() {
        Session s = RunOptionsTest.session(out, err);
        assertThat(Main.run(s, new String[] {"ps", "--bogus"})).isEqualTo(125);
        s.flush();
        assertThat(stderr()).startsWith("unknown flag: --bogus\nSee 'berth ps --help'.");
    }
}
