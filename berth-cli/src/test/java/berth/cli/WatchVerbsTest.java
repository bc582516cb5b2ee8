package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** events, top, stats and port against a scripted daemon: the requests they make and docker's output. */
class WatchVerbsTest {
    private static final String ID = "4f2a9c61b7d0" + "0".repeat(52);
    private static final String EVENT = "{\"status\":\"start\",\"id\":\"" + ID + "\",\"from\":\"busybox\",\"Type\":\"container\","
            + "\"Action\":\"start\",\"Actor\":{\"ID\":\"" + ID + "\",\"Attributes\":{\"name\":\"web\",\"image\":\"busybox\"}},"
            + "\"scope\":\"local\",\"time\":1795951476,\"timeNano\":1795951476801173641}";
    /** Two CPUs; the container used 0.5 s of the host's 2 s since the previous sample: 50%. */
    private static final String STATS = """
            {"read":"2026-11-29T11:24:36Z","id":"%s","name":"/web",
             "cpu_stats":{"cpu_usage":{"total_usage":1500000000},"system_cpu_usage":12000000000,"online_cpus":2},
             "precpu_stats":{"cpu_usage":{"total_usage":1000000000},"system_cpu_usage":10000000000},
             "memory_stats":{"usage":10485760,"limit":104857600,"stats":{"total_inactive_file":2097152}},
             "networks":{"eth0":{"rx_bytes":1500,"tx_bytes":900}},
             "blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"Read","value":4096},
                                                          {"major":8,"minor":0,"op":"Write","value":1000000}]},
             "pids_stats":{"current":3}}
            """.formatted(ID).replace("\n", "");

    @TempDir Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int berth(ScriptedDaemon d, String... args) {
        return d.berth(RunOptionsTest.session(out, err), args);
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }

    private ScriptedDaemon daemon(String pathPart, String body) throws Exception {
        return new ScriptedDaemon(dir, (line, b, o) -> {
            if (line.startsWith("GET /_ping")) ScriptedDaemon.reply(o, 200, "OK");
            else if (line.contains(pathPart)) ScriptedDaemon.reply(o, 200, body);
            else ScriptedDaemon.reply(o, 404, "{\"message\":\"No such container: x\"}");
        });
    }

    @Test
    void eventsPrintDockersLineWithSortedAttributes() throws Exception {
        try (var d = daemon("/events", EVENT + "\r\n")) {
            assertThat(berth(d, "events", "--since", "1795951000", "--until", "1795952000", "-f", "type=container")).isZero();
            assertThat(stdout()).matches("2026-11-29T\\d\\d:24:36\\.801173641(Z|[+-]\\d\\d:\\d\\d) container start " + ID
                    + " \\(image=busybox, name=web\\)\n");
            assertThat(d.requests.get(1)).isEqualTo("GET /v1.47/events?since=1795951000&until=1795952000"
                    + "&filters=%7B%22type%22%3A%7B%22container%22%3Atrue%7D%7D");
        }
    }

    @Test
    void eventsFormatJsonPrintsTheMessage() throws Exception {
        try (var d = daemon("/events", EVENT + "\r\n")) {
            assertThat(berth(d, "events", "--format", "{{json .}}")).isZero();
            assertThat(Json.docker().readTree(stdout())).isEqualTo(Json.docker().readTree(EVENT));
        }
    }

    @Test
    void topLaysOutPsInWideColumnsAndPassesPsOptions() throws Exception {
        try (var d = daemon("/top", "{\"Titles\":[\"PID\",\"CMD\"],\"Processes\":[[\"4242\",\"sleep 300\"]]}")) {
            assertThat(berth(d, "top", "web", "-o", "pid,comm")).isZero();
            assertThat(stdout()).isEqualTo("PID" + " ".repeat(17) + "CMD\n4242" + " ".repeat(16) + "sleep 300\n");
            assertThat(d.requests.get(1)).isEqualTo("GET /v1.47/containers/web/top?ps_args=-o%20pid%2Ccomm");
        }
    }

    @Test
    void statsNoStreamComputesDockersColumns() throws Exception {
        try (var d = daemon("/stats", STATS)) {
            assertThat(berth(d, "stats", "--no-stream", "web")).isZero();
            assertThat(stdout()).isEqualTo("""
                    CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O        BLOCK I/O     PIDS
                    4f2a9c61b7d0   web       50.00%    8MiB / 100MiB       8.00%     1.5kB / 900B   4.1kB / 1MB   3
                    """);
            assertThat(d.requests).contains("GET /v1.47/containers/web/stats?stream=0");
        }
    }

    @Test
    void statsFormatTemplate() throws Exception {
        try (var d = daemon("/stats", STATS)) {
            assertThat(berth(d, "stats", "--no-stream", "--format", "{{.Container}}: {{.CPUPerc}} {{.PIDs}}", "web")).isZero();
            assertThat(stdout()).isEqualTo("web: 50.00% 3\n");
        }
    }

    @Test
    void portListsBindingsAndRefusesAnUnpublishedPort() throws Exception {
        String inspect = "{\"Name\":\"/web\",\"NetworkSettings\":{\"Ports\":{\"443/tcp\":null,"
                + "\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"},{\"HostIp\":\"::\",\"HostPort\":\"8080\"}]}}}";
        try (var d = daemon("/json", inspect)) {
            assertThat(berth(d, "port", "web")).isZero();
            assertThat(stdout()).isEqualTo("80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n");
            out.reset();
            assertThat(berth(d, "port", "web", "80")).isZero();
            assertThat(stdout()).isEqualTo("0.0.0.0:8080\n[::]:8080\n");
            assertThat(berth(d, "port", "web", "443/tcp")).isEqualTo(1);
            assertThat(berth(d, "port", "web", "443")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Error: No public port '443/tcp' published for web\n"
                    + "Error: No public port '443' published for web\n");
        }
    }
}
