package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** stats rows: one stats sample rendered into docker's display strings, computed as the docker CLI does. */
final class StatsRows {
    static final String DEFAULT_TABLE =
            "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    static final ObjectNode HEADERS = JsonNodeFactory.instance.objectNode()
            .put("Container", "CONTAINER").put("ID", "CONTAINER ID").put("Name", "NAME").put("CPUPerc", "CPU %")
            .put("MemUsage", "MEM USAGE / LIMIT").put("MemPerc", "MEM %").put("NetIO", "NET I/O")
            .put("BlockIO", "BLOCK I/O").put("PIDs", "PIDS");

    private StatsRows() {}

    /** {@code container} is what the user named (the Container column); {@code s} one sample. */
    static ObjectNode row(String container, JsonNode s, boolean trunc) {
        String id = s.path("id").asText();
        String name = s.path("name").asText().replaceFirst("^/", "");
        double memory = memoryUsage(s.path("memory_stats"));
        double limit = s.path("memory_stats").path("limit").asDouble();
        return JsonNodeFactory.instance.objectNode()
                .put("Container", container)
                .put("ID", trunc ? ContainerRows.shortId(id) : id)
                .put("Name", name.isEmpty() ? "--" : name)
                .put("CPUPerc", percent(cpuPercent(s)))
                .put("MemUsage", Units.bytesSize(memory) + " / " + Units.bytesSize(limit))
                .put("MemPerc", percent(limit == 0 ? 0 : memory / limit * 100))
                .put("NetIO", pair(sum(s.path("networks"), "rx_bytes"), sum(s.path("networks"), "tx_bytes")))
                .put("BlockIO", pair(blkio(s, "read"), blkio(s, "write")))
                .put("PIDs", Long.toString(s.path("pids_stats").path("current").asLong()));
    }

    /** The container's share of the host's CPU time since the previous sample, times the CPUs: 100% is one CPU. */
    static double cpuPercent(JsonNode s) {
        JsonNode cpu = s.path("cpu_stats"), pre = s.path("precpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble() - pre.path("cpu_usage").path("total_usage").asDouble();
        double systemDelta = cpu.path("system_cpu_usage").asDouble() - pre.path("system_cpu_usage").asDouble();
        double cpus = cpu.path("online_cpus").asDouble();
        if (cpus == 0) cpus = cpu.path("cpu_usage").path("percpu_usage").size();
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100 : 0;
    }

    /** Usage without the page cache the kernel can drop (inactive files), as docker shows it on v1 and v2. */
    static double memoryUsage(JsonNode memory) {
        double usage = memory.path("usage").asDouble();
        JsonNode stats = memory.path("stats");
        JsonNode inactive = stats.has("total_inactive_file") ? stats.path("total_inactive_file") : stats.path("inactive_file");
        return inactive.isNumber() && inactive.asDouble() < usage ? usage - inactive.asDouble() : usage;
    }

    private static double blkio(JsonNode s, String op) {
        double total = 0;
        for (JsonNode e : s.path("blkio_stats").path("io_service_bytes_recursive")) {
            if (e.path("op").asText().toLowerCase(Locale.ROOT).equals(op)) total += e.path("value").asDouble();
        }
        return total;
    }

    private static double sum(JsonNode networks, String field) {
        double total = 0;
        for (JsonNode n : networks) total += n.path(field).asDouble();
        return total;
    }

    private static String pair(double a, double b) {
        return Units.humanSize(a, 3) + " / " + Units.humanSize(b, 3);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v);
    }

    /** An API path for a container given by name or ID. */
    static String path(String container, String rest) {
        return "/containers/" + URLEncoder.encode(container, StandardCharsets.UTF_8).replace("+", "%20") + rest;
    }
}
