package berth.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import berth.engine.Engine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP layer end to end over a real unix socket, against canned engine answers. */
@Timeout(20)
class ApiServerTest extends ServedFakeEngine {

    @Override
    String socketName() {
        return "run/berth.sock";
    }

    @Test
    void socketIsGroupOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
    }

    @Test
    void pingAnswersWithVersionHeaders() throws IOException {
        var reply = exchange("GET /_ping HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 200 OK").contains("Api-Version: 1.47", "Ostype: linux",
                "Server: berth/0.1.0 (linux)", "Cache-Control: no-cache, no-store, must-revalidate").endsWith("\r\n\r\nOK");
    }

    @Test
    void tooNewVersionIs400() throws IOException {
        var reply = exchange("GET /v1.50/version HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 400")
                .contains("{\"message\":\"client version 1.50 is too new. Maximum supported API version is 1.47\"}");
    }

    @Test
    void unknownPathAndContainer() throws IOException {
        assertThat(exchange("GET /v1.47/nope HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404").endsWith("{\"message\":\"page not found\"}");
        assertThat(exchange("POST /containers/zzz/stop HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404").endsWith("{\"message\":\"No such container: zzz\"}");
    }

    @Test
    void startingARunningContainerIs304() throws IOException {
        assertThat(exchange("POST /v1.44/containers/web/start HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 304");
    }

    @Test
    void createParsesTheBody() throws IOException {
        var body = "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":{\"NetworkMode\":\"none\"}}";
        assertThat(exchange(post("/containers/create?name=x", body)))
                .startsWith("HTTP/1.1 201").endsWith("{\"Id\":\"" + FakeEngine.ID + "\",\"Warnings\":[]}");
        assertThat(exchange(post("/containers/create", ""))).startsWith("HTTP/1.1 400")
                .contains("Config cannot be empty in order to create a container");
        assertThat(exchange(post("/containers/create", "{\"Image\":"))).startsWith("HTTP/1.1 400");
    }

    @Test
    void imageNamesWithSlashes() throws IOException {
        var reply = exchange("GET /v1.41/images/localhost:5000/team/app:1/json HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 200").contains("\"RepoTags\":[\"localhost:5000/team/app:1\"]",
                "\"RootFS\":{\"Type\":\"layers\"", "\"ExposedPorts\":{\"80/tcp\":{}}");
    }

    @Test
    void waitSendsHeadersBeforeTheResult() throws IOException {
        try (var client = new RawClient(socket)) {
            client.send("POST /v1.47/containers/web/wait?condition=next-exit HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n\r\n");
            var head = client.readHead();
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            engine.waitResult.complete(new Engine.WaitResult(3, ""));
            assertThat(client.readChunk()).startsWith("{\"StatusCode\":3,\"Error\":null}");
            assertThat(client.readChunk()).isEmpty();
        }
    }

    @Test
    void attachHijacksTheConnection() throws IOException {
        try (var client = new RawClient(socket)) {
            client.send("POST /v1.47/containers/web/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\n"
                    + "Host: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
            var head = client.readHead();
            assertThat(head).startsWith("HTTP/1.1 101 UPGRADED")
                    .contains("Content-Type: application/vnd.docker.multiplexed-stream", "Upgrade: tcp");
            assertThat(client.readExactly(8 + 6)).isEqualTo(frame(1, "hello\n"));
            client.send("ping");
            client.shutdownOutput(); // end of stdin; output must keep flowing
            assertThat(client.readToEnd()).isEqualTo(frame(2, "ping"));
        }
    }

    @Test
    void attachWithoutUpgradeAnswers200() throws IOException {
        try (var client = new RawClient(socket)) {
            client.send("POST /containers/web/attach?stream=1&stdout=1 HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n\r\n");
            assertThat(client.readHead()).startsWith("HTTP/1.1 200 OK").doesNotContainIgnoringCase("content-length");
            assertThat(client.readToEnd()).isEqualTo(frame(1, "hello\n"));
        }
    }

    @Test
    void execStartStreamsAndCloses() throws IOException {
        try (var client = new RawClient(socket)) {
            client.send(post("/exec/e1/start", "{\"Detach\":false,\"Tty\":false}").replace("Connection: close", "Upgrade: tcp"));
            assertThat(client.readHead()).startsWith("HTTP/1.1 101");
            assertThat(client.readToEnd()).isEqualTo(frame(1, "exec\n"));
        }
    }

    @Test
    void logsAreMultiplexedWithTimestamps() throws IOException {
        try (var client = new RawClient(socket)) {
            client.send("GET /containers/web/logs?stdout=1&stderr=true&timestamps=1 HTTP/1.1\r\nHost: d\r\n\r\n");
            assertThat(client.readHead()).contains("application/vnd.docker.multiplexed-stream");
            var out = "2024-01-02T03:04:05.500000000Z out\n";
            assertThat(client.readChunk().getBytes(StandardCharsets.UTF_8)).isEqualTo(frame(1, out));
            assertThat(client.readChunk()).endsWith(" err\n");
            assertThat(client.readChunk()).isEmpty();
        }
    }

    @Test
    void loadStreamsALargeBody() throws IOException {
        int size = 8 << 20;
        try (var client = new RawClient(socket)) {
            client.send("POST /images/load?quiet=0 HTTP/1.1\r\nHost: d\r\nContent-Type: application/x-tar\r\n"
                    + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n");
            client.send(new byte[size]);
            var reply = new String(client.readToEnd(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 200").contains("{\"stream\":\"Loaded image: busybox:latest\\n\"}");
        }
        assertThat(engine.loadedBytes).isEqualTo(size);
    }

    @Test
    void pullOfAMissingImageIs404() throws IOException {
        assertThat(exchange(post("/images/create?fromImage=nosuch&tag=latest", "")))
                .startsWith("HTTP/1.1 404").contains("pull access denied for nosuch, repository does not exist");
    }

    @Test
    void pullStreamsDockersProgressAndReportsLateErrorsInTheStream() throws IOException {
        assertThat(exchange(post("/images/create?fromImage=busybox&tag=latest", "")))
                .startsWith("HTTP/1.1 200")
                .contains("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}")
                .contains("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1500000,\"total\":3000000},"
                        + "\"progress\":\"[=========================>                         ]    1.5MB/3MB\",\"id\":\"0123456789ab\"}")
                .contains("{\"status\":\"Status: Downloaded newer image for busybox:latest\"}");
        assertThat(exchange(post("/images/create?fromImage=broken&tag=latest", "")))
                .startsWith("HTTP/1.1 200")
                .contains("{\"errorDetail\":{\"message\":\"filesystem layer verification failed\"},"
                        + "\"error\":\"filesystem layer verification failed\"}");
    }

    @Test
    void keepAliveServesSeveralRequests() throws IOException {
        try (var client = new RawClient(socket)) {
            for (int i = 0; i < 3; i++) {
                client.send("GET /containers/json?all=1 HTTP/1.1\r\nHost: d\r\n\r\n");
                var head = client.readHead();
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length: (\\d+).*", "$1"));
                assertThat(new String(client.readExactly(length), StandardCharsets.UTF_8)).contains("\"Names\":[\"/web\"]");
            }
        }
    }


    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static byte[] frame(int stream, String payload) {
        var data = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + data.length).put((byte) stream).position(4).putInt(data.length).put(data).array();
    }
}
