package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;

/** system df rows: one per kind of object (Images, Containers, Local Volumes, Build Cache), as docker sums them. */
final class DiskUsageRows {
    static final String DEFAULT_TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
    static final ObjectNode HEADERS = JsonNodeFactory.instance.objectNode().put("Type", "TYPE").put("TotalCount", "TOTAL")
            .put("Active", "ACTIVE").put("Size", "SIZE").put("Reclaimable", "RECLAIMABLE");
    static final String IMAGES_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
            + "\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
    static final String CONTAINERS_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}"
            + "\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";

    private DiskUsageRows() {}

    static List<JsonNode> rows(JsonNode df) {
        return List.of(images(df), containers(df), volumes(df), empty("Build Cache"));
    }

    /** Reclaimable: all layers but the unique part of images that containers use. */
    private static ObjectNode images(JsonNode df) {
        long total = df.path("LayersSize").asLong();
        long used = 0;
        int active = 0;
        for (JsonNode i : df.path("Images")) {
            if (i.path("Containers").asLong() == 0) continue;
            active++;
            if (i.path("Size").asLong() != -1 && i.path("SharedSize").asLong() != -1)
                used += i.path("Size").asLong() - i.path("SharedSize").asLong();
        }
        return row("Images", df.path("Images").size(), active, total, total - used);
    }

    /** Reclaimable: the writable layers of containers neither running nor paused. */
    private static ObjectNode containers(JsonNode df) {
        Predicate<JsonNode> isActive = c -> List.of("running", "paused", "restarting").contains(c.path("State").asText());
        long total = 0;
        long reclaimable = 0;
        int active = 0;
        for (JsonNode c : df.path("Containers")) {
            long rw = Math.max(0, c.path("SizeRw").asLong());
            total += rw;
            if (isActive.test(c)) active++;
            else reclaimable += rw;
        }
        return row("Containers", df.path("Containers").size(), active, total, reclaimable);
    }

    /** Active: used by a container; reclaimable: the unused ones' data. */
    private static ObjectNode volumes(JsonNode df) {
        long total = 0;
        long reclaimable = 0;
        int active = 0;
        for (JsonNode v : df.path("Volumes")) {
            long size = Math.max(0, v.path("UsageData").path("Size").asLong());
            total += size;
            if (v.path("UsageData").path("RefCount").asLong() > 0) active++;
            else reclaimable += size;
        }
        return row("Local Volumes", df.path("Volumes").size(), active, total, reclaimable);
    }

    private static ObjectNode row(String type, int count, int active, long size, long reclaimable) {
        String reclaim = Units.humanSize(reclaimable) + (size > 0 ? " (" + reclaimable * 100 / size + "%)" : "");
        return JsonNodeFactory.instance.objectNode().put("Type", type).put("TotalCount", Integer.toString(count))
                .put("Active", Integer.toString(active)).put("Size", Units.humanSize(size)).put("Reclaimable", reclaim);
    }

    private static ObjectNode empty(String type) {
        return JsonNodeFactory.instance.objectNode().put("Type", type).put("TotalCount", "0").put("Active", "0")
                .put("Size", "0B").put("Reclaimable", "0B");
    }
}
