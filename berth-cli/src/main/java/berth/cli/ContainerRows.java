package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** ps rows: one container summary rendered into docker's display strings (the fields --format sees). */
final class ContainerRows {
    static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
    static final ObjectNode HEADERS = headers();
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private ContainerRows() {}

    static ObjectNode row(JsonNode c, boolean trunc, Instant now) {
        Instant created = Instant.ofEpochSecond(c.path("Created").asLong());
        return JsonNodeFactory.instance.objectNode()
                .put("Command", TemplateFunctions.json(Template.text(trunc ? ellipsis(c.path("Command").asText(), 20) : c.path("Command").asText())))
                .put("CreatedAt", GO_TIME.format(created.atZone(ZoneId.systemDefault())))
                .put("ID", trunc ? shortId(c.path("Id").asText()) : c.path("Id").asText())
                .put("Image", image(c, trunc))
                .put("Labels", labels(c.path("Labels")))
                .put("LocalVolumes", Long.toString(localVolumes(c.path("Mounts"))))
                .put("Mounts", mounts(c.path("Mounts"), trunc))
                .put("Names", names(c.path("Names"), trunc))
                .put("Networks", String.join(",", GoValues.sorted(c.path("NetworkSettings").path("Networks")).keySet()))
                .put("Ports", ports(c.path("Ports")))
                .put("RunningFor", Units.humanDuration(Duration.between(created, now)) + " ago")
                .put("Size", size(c))
                .put("State", c.path("State").asText())
                .put("Status", c.path("Status").asText());
    }

    private static ObjectNode headers() {
        return JsonNodeFactory.instance.objectNode()
                .put("Command", "COMMAND").put("CreatedAt", "CREATED AT").put("ID", "CONTAINER ID")
                .put("Image", "IMAGE").put("Labels", "LABELS").put("LocalVolumes", "LOCAL VOLUMES")
                .put("Mounts", "MOUNTS").put("Names", "NAMES").put("Networks", "NETWORKS").put("Ports", "PORTS")
                .put("RunningFor", "CREATED").put("Size", "SIZE").put("State", "STATE").put("Status", "STATUS");
    }

    /** docker's Ellipsis: strings longer than the width keep width-1 characters and gain "…". */
    static String ellipsis(String s, int width) {
        int runes = s.codePointCount(0, s.length());
        if (runes <= width) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
    }

    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    private static String image(JsonNode c, boolean trunc) {
        String image = c.path("Image").asText();
        if (image.isEmpty()) {
            return "<no image>";
        }
        if (trunc && image.startsWith("sha256:")) {
            return shortId(image);
        }
        int at = image.indexOf('@');
        return trunc && at > 0 ? image.substring(0, at) : image;
    }

    /** Leading '/' stripped; when truncating, link names ("/other/alias") are left out. */
    static String names(JsonNode names, boolean trunc) {
        List<String> all = new ArrayList<>();
        names.forEach(n -> all.add(n.asText().startsWith("/") ? n.asText().substring(1) : n.asText()));
        if (trunc) {
            return all.stream().filter(n -> !n.contains("/")).findFirst().orElse(String.join(",", all));
        }
        return String.join(",", all);
    }

    private static String labels(JsonNode labels) {
        return String.join(",", GoValues.sorted(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().asText()).toList());
    }

    private static String mounts(JsonNode mounts, boolean trunc) {
        List<String> names = new ArrayList<>();
        mounts.forEach(m -> {
            String name = m.path("Name").asText(m.path("Source").asText());
            names.add(trunc ? ellipsis(name.isEmpty() ? m.path("Source").asText() : name, 15) : name);
        });
        return String.join(",", names);
    }

    private static long localVolumes(JsonNode mounts) {
        return GoValues.elements(mounts).stream().filter(m -> m.path("Driver").asText().equals("local")).count();
    }

    /** "0.0.0.0:8080->80/tcp" for published ports, "80/tcp" for exposed ones. */
    static String ports(JsonNode ports) {
        List<String> out = new ArrayList<>();
        ports.forEach(p -> {
            String internal = p.path("PrivatePort").asText() + "/" + p.path("Type").asText("tcp");
            if (!p.has("PublicPort")) {
                out.add(internal);
                return;
            }
            String ip = p.path("IP").asText("0.0.0.0");
            out.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + p.path("PublicPort").asText() + "->" + internal);
        });
        return String.join(", ", out);
    }

    private static String size(JsonNode c) {
        String rw = Units.humanSize(c.path("SizeRw").asDouble(), 3);
        long virtual = c.path("SizeRootFs").asLong();
        return virtual > 0 ? rw + " (virtual " + Units.humanSize(virtual, 3) + ")" : rw;
    }
}
