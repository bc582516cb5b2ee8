package berth.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.ApiServer;
import berth.common.BerthException;
import berth.engine.Engine;
import berth.engine.Volumes;
import berth.engine.view.VolumeView;
import berth.volume.VolumeService.CreateRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The volume endpoints over a real socket: bodies, query flags, the API version that gates prune, errors. */
@Timeout(20)
class VolumesApiTest {
    @TempDir Path dir;
    final List<String> calls = new ArrayList<>();
    ApiServer server;

    private static VolumeView view(String name) {
        return new VolumeView(name, "local", "/d/volumes/" + name + "/_data", "2026-01-01T00:00:00Z", null, "local", null, null);
    }

    /** Records what the handlers ask of the engine's volumes. */
    private final Volumes volumes = new Volumes() {
        public VolumeView create(CreateRequest r) {
            calls.add("create " + r.name() + " " + r.driver() + " " + new java.util.TreeMap<>(r.options()) + " " + r.labels());
            return view(r.name().isEmpty() ? "generated" : r.name());
        }

        public List<VolumeView> list(Map<String, List<String>> filters) {
            calls.add("list " + filters);
            return List.of(view("a"));
        }

        public VolumeView inspect(String name) {
            throw BerthException.notFound("get " + name + ": no such volume");
        }

        public void remove(String name, boolean force) {
            calls.add("remove " + name + " " + force);
            throw BerthException.conflict("remove " + name + ": volume is in use - [abc]");
        }

        public PruneResult prune(Map<String, List<String>> filters, boolean anonymousOnly) {
            calls.add("prune " + filters + " " + anonymousOnly);
            return new PruneResult(List.of("x"), 42);
        }

        public List<VolumeView> usage() {
            return List.of();
        }
    };

    @BeforeEach
    void start() {
        Engine engine = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "volumes" -> volumes;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        server = ApiServer.start(dir.resolve("s.sock"), engine, ApiServer.Options.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String exchange(String method, String path, String body) throws IOException {
        try (var client = new RawClient(dir.resolve("s.sock"))) {
            client.send(method + " " + path + " HTTP/1.1\r\nHost: d\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
            return new String(client.readToEnd(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void createIs201WithTheVolume() throws IOException {
        var answer = exchange("POST", "/v1.47/volumes/create",
                "{\"Name\":\"v1\",\"Driver\":\"local\",\"DriverOpts\":{\"type\":\"tmpfs\",\"device\":\"tmpfs\"},\"Labels\":{\"a\":\"b\"}}");
        assertThat(answer).startsWith("HTTP/1.1 201").contains("\"Name\":\"v1\"").contains("\"Scope\":\"local\"")
                .contains("\"Labels\":null").doesNotContain("UsageData");
        assertThat(calls).containsExactly("create v1 local {device=tmpfs, type=tmpfs} {a=b}");
        assertThat(exchange("POST", "/volumes/create", "")).startsWith("HTTP/1.1 201").contains("\"Name\":\"generated\"");
    }

    @Test
    void listWrapsVolumesAndPassesFilters() throws IOException {
        var filters = java.net.URLEncoder.encode("{\"dangling\":[\"true\"]}", StandardCharsets.UTF_8);
        var answer = exchange("GET", "/volumes?filters=" + filters, "");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"Volumes\":[{\"Name\":\"a\"").contains("\"Warnings\":[]");
        assertThat(calls).containsExactly("list {dangling=[true]}");
    }

    @Test
    void inspectAndRemoveErrorsKeepDockersStatusAndMessage() throws IOException {
        assertThat(exchange("GET", "/volumes/nope", "")).startsWith("HTTP/1.1 404")
                .contains("{\"message\":\"get nope: no such volume\"}");
        assertThat(exchange("DELETE", "/volumes/busy?force=1", "")).startsWith("HTTP/1.1 409")
                .contains("remove busy: volume is in use - [abc]");
        assertThat(calls).containsExactly("remove busy true");
    }

    @Test
    void pruneTakesOnlyAnonymousVolumesFromApi142() throws IOException {
        assertThat(exchange("POST", "/v1.41/volumes/prune", "")).startsWith("HTTP/1.1 200")
                .contains("\"VolumesDeleted\":[\"x\"]").contains("\"SpaceReclaimed\":42");
        exchange("POST", "/v1.42/volumes/prune", "");
        assertThat(calls).containsExactly("prune {} false", "prune {} true");
    }
}
