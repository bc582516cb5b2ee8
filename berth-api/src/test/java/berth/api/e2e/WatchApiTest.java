package berth.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import berth.engine.events.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watching endpoints over a real socket: events (replay, until, filters, live), top, stats. */
@Timeout(20)
class WatchApiTest extends ServedFakeEngine {
    private void publish(String action, String name) {
        engine.bus.publish(new Event(Event.Type.CONTAINER, action, FakeEngine.ID,
                Map.of("name", name, "image", "busybox"), Instant.EPOCH));
    }

    @Test
    void pastEventsReplayAndTheStreamEndsAtUntil() throws IOException {
        publish("create", "one");
        publish("start", "one");
        engine.bus.publish(new Event(Event.Type.IMAGE, "tag", "sha256:1", Map.of("name", "x:1"), Instant.EPOCH));
        long now = Instant.now().getEpochSecond() + 1;
        var body = get("/v1.47/events?since=0.000000001&until=" + now);
        var lines = body.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).startsWith("{\"status\":\"create\",\"id\":\"" + FakeEngine.ID + "\",\"from\":\"busybox\","
                + "\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"" + FakeEngine.ID + "\","
                + "\"Attributes\":{\"image\":\"busybox\",\"name\":\"one\"}},\"scope\":\"local\",\"time\":");
        assertThat(lines.get(2)).contains("\"status\":\"tag\"").doesNotContain("\"from\"");
    }

    @Test
    void filtersSelectByTypeAndEvent() throws IOException {
        publish("create", "one");
        publish("start", "one");
        publish("die", "two");
        var filters = java.net.URLEncoder.encode("{\"event\":[\"start\",\"die\"],\"container\":[\"one\"]}",
                StandardCharsets.UTF_8);
        var body = get("/events?since=1&until=" + (Instant.now().getEpochSecond() + 1) + "&filters=" + filters);
        assertThat(body.lines().filter(l -> !l.isBlank()).toList()).singleElement().asString().contains("\"Action\":\"start\"");
    }

    @Test
    void untilBeforeSinceIs400() throws IOException {
        assertThat(exchange("GET /events?since=20&until=10 HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400").contains("cannot be after `until` time (10)");
    }

    @Test
    void liveEventsArriveUntilTheClientLeaves() throws Exception {
        try (var client = new RawClient(socket)) {
            client.send("GET /events HTTP/1.1\r\nHost: d\r\n\r\n");
            assertThat(client.readHead()).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            publish("start", "live");
            assertThat(client.readChunk()).contains("\"Action\":\"start\"", "\"name\":\"live\"");
        }
        // the handler notices the closed connection and drops its subscription
        var deadline = Instant.now().plusSeconds(5);
        while (subscribers() > 0 && Instant.now().isBefore(deadline)) Thread.sleep(20);
        assertThat(subscribers()).isZero();
    }

    @Test
    void topAndStatsAnswerInDockersShape() throws IOException {
        assertThat(get("/containers/web/top?ps_args=-ef")).isEqualTo("{\"Titles\":[\"PID\",\"CMD\"],\"Processes\":[[\"42\",\"sleep 300\"]]}");
        var stats = get("/containers/web/stats?stream=false");
        assertThat(stats).contains("\"read\":\"0001-01-01T00:00:00Z\"", "\"name\":\"/web\"", "\"memory_stats\":{}",
                "\"pids_stats\":{}", "\"cpu_usage\":{\"total_usage\":0,", "\"io_service_bytes_recursive\":null")
                .doesNotContain("networks", "percpu_usage", "system_cpu_usage");
        assertThat(get("/containers/web/stats").lines().filter(l -> !l.isBlank()).count()).isEqualTo(3);
        assertThat(exchange("GET /containers/nope/stats HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404");
    }

    private int subscribers() throws Exception {
        var m = berth.engine.events.EventBus.class.getDeclaredMethod("subscriberCount");
        m.setAccessible(true);
        return (int) m.invoke(engine.bus);
    }

    /** The body of a 200 response, chunked or not. */
    private String get(String path) throws IOException {
        try (var client = new RawClient(socket)) {
            client.send("GET " + path + " HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
            var head = client.readHead();
            assertThat(head).startsWith("HTTP/1.1 200");
            if (!head.toLowerCase().contains("chunked")) return new String(client.readToEnd(), StandardCharsets.UTF_8);
            List<String> chunks = new ArrayList<>();
            for (String c = client.readChunk(); !c.isEmpty(); c = client.readChunk()) chunks.add(c);
            return String.join("", chunks);
        }
    }

}
