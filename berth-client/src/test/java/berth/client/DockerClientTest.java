package berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerClientTest {
    @TempDir Path dir;

    private static String routes(FakeDaemon.Seen req) {
        String line = req.requestLine();
        if (line.startsWith("GET /_ping")) {
            return FakeDaemon.response(200, "OK", "Api-Version: 1.50");
        }
        if (line.contains("/containers/json")) {
            return FakeDaemon.response(200, "[{\"Id\":\"abc\"}]", "Content-Type: application/json");
        }
        return FakeDaemon.response(404, "{\"message\":\"No such container: nope\"}");
    }

    @Test
    void negotiatesDownToOurVersionAndPrefixesPaths() throws Exception {
        try (var d = new FakeDaemon(dir, DockerClientTest::routes)) {
            var client = DockerClient.connect(d.host());
            var list = client.containers().list(Query.of().flag("all", true));
            assertThat(list.get(0).get("Id").asText()).isEqualTo("abc");
            assertThat(client.apiVersion()).isEqualTo(ApiVersion.MAX);
            assertThat(d.seen.get(1).requestLine()).isEqualTo("GET /v1.47/containers/json?all=1 HTTP/1.1");
        }
    }

    @Test
    void olderDaemonVersionWins() {
        assertThat(ApiVersion.negotiate("1.41")).hasToString("1.41");
        assertThat(ApiVersion.negotiate("")).isEqualTo(ApiVersion.FALLBACK);
        assertThat(ApiVersion.negotiate("1.100")).isEqualTo(ApiVersion.MAX);
    }

    @Test
    void non2xxCarriesStatusAndMessage() throws Exception {
        try (var d = new FakeDaemon(dir, DockerClientTest::routes)) {
            var client = DockerClient.connect(d.host(), ApiVersion.MAX);
            assertThatThrownBy(() -> client.containers().inspect("nope"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.getMessage()).isEqualTo("No such container: nope");
                    });
        }
    }

    @Test
    void absentDaemonIsReportedLikeDocker() {
        var client = DockerClient.connect(new DockerHost.Unix(dir.resolve("none.sock")));
        assertThatThrownBy(client::info)
                .isInstanceOf(DaemonUnavailableException.class)
                .hasMessageStartingWith("Cannot connect to the berth daemon at unix://");
    }

    @Test
    void readsChunkedResponses() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"Id\"\r\n8;ext=1\r\n:\"xyz\"}\n\r\n0\r\nTrailer: x\r\n\r\n";
        try (var d = new FakeDaemon(dir, req -> chunked)) {
            var client = DockerClient.connect(d.host(), ApiVersion.MAX);
            assertThat(client.info().get("Id").asText()).isEqualTo("xyz");
        }
    }

    @Test
    void streamsBodiesOfUnknownLengthChunked() throws Exception {
        try (var d = new FakeDaemon(dir, req -> FakeDaemon.response(200, "{\"stream\":\"Loaded\"}"))) {
            var client = DockerClient.connect(d.host(), ApiVersion.MAX);
            var tar = new ByteArrayInputStream("tar-bytes".getBytes(StandardCharsets.UTF_8));
            try (var r = client.images().load(tar, -1, true)) {
                assertThat(r.text()).contains("Loaded");
            }
            assertThat(d.seen.getFirst().head()).contains("Transfer-Encoding: chunked", "Content-Type: application/x-tar");
            assertThat(d.seen.getFirst().body()).isEqualTo("tar-bytes");
        }
    }

    @Test
    void sendsJsonBodiesWithContentLength() throws Exception {
        try (var d = new FakeDaemon(dir, req -> FakeDaemon.response(201, "{\"Id\":\"c1\",\"Warnings\":[]}"))) {
            var client = DockerClient.connect(d.host(), ApiVersion.MAX);
            var body = berth.common.Json.docker().createObjectNode().put("Image", "busybox");
            assertThat(client.containers().create(Optional.of("web"), body).get("Id").asText()).isEqualTo("c1");
            assertThat(d.seen.getFirst().requestLine()).isEqualTo("POST /v1.47/containers/create?name=web HTTP/1.1");
            assertThat(d.seen.getFirst().body()).isEqualTo("{\"Image\":\"busybox\"}");
        }
    }

    @Test
    void hijackHandsOverTheRawStreamBothWays() throws Exception {
        FakeDaemon.Handler echo = (req, in, out) -> {
            out.write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String stdin = new String(in.readAllBytes(), StandardCharsets.UTF_8); // until our half-close
            out.write(FakeDaemon.frame(1, "got " + stdin));
            out.write(FakeDaemon.frame(2, "warn"));
        };
        try (var d = new FakeDaemon(dir, echo)) {
            var client = DockerClient.connect(d.host(), ApiVersion.MAX);
            try (Hijack h = client.containers().attach("c1", true, false, "")) {
                h.out().write("hello".getBytes(StandardCharsets.UTF_8));
                h.closeWrite();
                var out = new ByteArrayOutputStream();
                var err = new ByteArrayOutputStream();
                StreamDemux.copy(h.in(), h.multiplexed(), out, err);
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got hello");
                assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("warn");
            }
            assertThat(d.seen.getFirst().head()).contains("Upgrade: tcp", "Connection: Upgrade")
                    .startsWith("POST /v1.47/containers/c1/attach?stream=1&stdin=1&stdout=1&stderr=1 ");
        }
    }

    @Test
    void waitReturnsAfterHeadersAndBlocksForTheBody() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        FakeDaemon.Handler slow = (req, in, out) -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                return;
            }
            out.write("10\r\n{\"StatusCode\":3}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        };
        try (var d = new FakeDaemon(dir, slow)) {
            var client = DockerClient.connect(d.host(), ApiVersion.MAX);
            try (PendingWait w = client.containers().waitFor("c1", "next-exit")) {
                release.countDown();
                assertThat(w.await()).isEqualTo(new WaitResult(3, Optional.empty()));
            }
        }
    }
}
