package berth.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The diff, archive, export and commit endpoints over a real socket: statuses, headers, parameters. */
@Timeout(20)
class ContainerFilesApiTest extends ServedFakeEngine {

    @Test
    void changesAreKindNumbers() throws IOException {
        assertThat(exchange(request("GET", "/v1.47/containers/web/changes", ""))).startsWith("HTTP/1.1 200")
                .endsWith("[{\"Path\":\"/etc\",\"Kind\":0},{\"Path\":\"/etc/x\",\"Kind\":1},{\"Path\":\"/tmp/y\",\"Kind\":2}]");
        assertThat(exchange(request("GET", "/containers/nope/changes", ""))).startsWith("HTTP/1.1 404");
    }

    @Test
    void headCarriesThePathStat() throws IOException {
        var reply = exchange(request("HEAD", "/v1.47/containers/web/archive?path=/etc/hosts", ""));
        assertThat(reply).startsWith("HTTP/1.1 200");
        var encoded = reply.replaceAll("(?s).*X-Docker-Container-Path-Stat: ([A-Za-z0-9+/=]+)\r\n.*", "$1");
        assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)).isEqualTo(
                "{\"name\":\"hosts\",\"size\":5,\"mode\":420,\"mtime\":\"2024-01-02T03:04:05Z\",\"linkTarget\":\"\"}");
        assertThat(exchange(request("HEAD", "/containers/web/archive?path=/nope", ""))).startsWith("HTTP/1.1 404");
        assertThat(exchange(request("HEAD", "/containers/web/archive", ""))).startsWith("HTTP/1.1 400");
    }

    @Test
    void getStreamsTheTarAfterTheStatHeader() throws IOException {
        var reply = exchange(request("GET", "/containers/web/archive?path=/etc/hosts", ""));
        assertThat(reply).startsWith("HTTP/1.1 200").contains("X-Docker-Container-Path-Stat: ", "content-type: application/x-tar")
                .containsIgnoringCase("transfer-encoding: chunked").contains("\r\n5\r\nhosts\r\n0\r\n");
        assertThat(exchange(request("GET", "/containers/web/archive?path=/nope", ""))).startsWith("HTTP/1.1 404")
                .endsWith("{\"message\":\"Could not find the file /nope in container web\"}");
    }

    @Test
    void putExtractsTheBody() throws IOException {
        assertThat(exchange(request("PUT", "/v1.47/containers/web/archive?path=/tmp&noOverwriteDirNonDir=true", "TARDATA")))
                .startsWith("HTTP/1.1 200");
        assertThat(engine.files.extracted).isEqualTo("/tmp true false TARDATA");
        assertThat(exchange(request("PUT", "/containers/web/archive?path=/&copyUIDGID=1", "x"))).startsWith("HTTP/1.1 200");
        assertThat(engine.files.extracted).isEqualTo("/ false true x");
    }

    @Test
    void exportStreams() throws IOException {
        assertThat(exchange(request("GET", "/containers/web/export", ""))).startsWith("HTTP/1.1 200")
                .contains("content-type: application/x-tar", "everything");
        assertThat(exchange(request("GET", "/containers/nope/export", ""))).startsWith("HTTP/1.1 404");
    }

    @Test
    void commitReadsQueryAndBody() throws IOException {
        var reply = exchange(request("POST", "/v1.47/commit?container=web&repo=team/app&tag=v2&comment=c&author=me"
                + "&changes=CMD%20%5B%22x%22%5D&changes=ENV%20A%3D1", "{\"Env\":[\"B=2\"]}"));
        assertThat(reply).startsWith("HTTP/1.1 201").endsWith("{\"Id\":\"sha256:" + "d".repeat(64) + "\"}");
        var r = engine.files.committed;
        assertThat(r.reference()).isEqualTo("team/app:v2");
        assertThat(r.changes()).containsExactly("CMD [\"x\"]", "ENV A=1");
        assertThat(r.pause()).isTrue();
        assertThat(r.config()).hasValueSatisfying(c -> assertThat(c.env()).containsExactly("B=2"));
        exchange(request("POST", "/commit?container=web&pause=0", "null"));
        assertThat(engine.files.committed.pause()).isFalse();
        assertThat(engine.files.committed.config()).isEmpty();
        assertThat(engine.files.committed.reference()).isEmpty();
        assertThat(exchange(request("POST", "/commit?container=nope", ""))).startsWith("HTTP/1.1 404");
    }


    private static String request(String method, String path, String body) {
        return method + " " + path + " HTTP/1.1\r\nHost: d\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }
}
