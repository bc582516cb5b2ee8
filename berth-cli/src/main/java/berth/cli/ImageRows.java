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

/** images rows: one per tag of each image summary ({@code <none>} when untagged), as docker shows them. */
final class ImageRows {
    static final String DEFAULT_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    static final ObjectNode HEADERS = JsonNodeFactory.instance.objectNode()
            .put("Containers", "CONTAINERS").put("CreatedAt", "CREATED AT").put("CreatedSince", "CREATED")
            .put("Digest", "DIGEST").put("ID", "IMAGE ID").put("Repository", "REPOSITORY").put("SharedSize", "SHARED SIZE")
            .put("Size", "SIZE").put("Tag", "TAG").put("UniqueSize", "UNIQUE SIZE").put("VirtualSize", "SIZE");
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private ImageRows() {}

    static List<ObjectNode> rows(JsonNode image, boolean trunc, Instant now) {
        List<ObjectNode> rows = new ArrayList<>();
        image.path("RepoTags").forEach(t -> {
            if (!t.asText().equals("<none>:<none>")) {
                rows.add(row(image, repository(t.asText()), tag(t.asText()), trunc, now));
            }
        });
        if (rows.isEmpty()) {
            String repo = image.path("RepoDigests").isEmpty() ? "<none>" : repositoryOfDigest(image.path("RepoDigests").get(0).asText());
            rows.add(row(image, repo, "<none>", trunc, now));
        }
        return rows;
    }

    private static ObjectNode row(JsonNode image, String repo, String tag, boolean trunc, Instant now) {
        Instant created = Instant.ofEpochSecond(image.path("Created").asLong());
        String id = image.path("Id").asText();
        long containers = image.path("Containers").asLong(-1);
        return JsonNodeFactory.instance.objectNode()
                .put("Containers", containers < 0 ? "N/A" : Long.toString(containers))
                .put("CreatedAt", GO_TIME.format(created.atZone(ZoneId.systemDefault())))
                .put("CreatedSince", Units.humanDuration(Duration.between(created, now)) + " ago")
                .put("Digest", "<none>")
                .put("ID", trunc ? ContainerRows.shortId(id) : id)
                .put("Repository", repo)
                .put("SharedSize", sizeOrNa(image.path("SharedSize").asLong(-1)))
                .put("Size", Units.humanSize(image.path("Size").asDouble(), 3))
                .put("Tag", tag)
                .put("UniqueSize", sizeOrNa(image.path("Size").asLong() - Math.max(0, image.path("SharedSize").asLong(-1))))
                .put("VirtualSize", Units.humanSize(image.path("Size").asDouble(), 3));
    }

    private static String sizeOrNa(long size) { return size < 0 ? "N/A" : Units.humanSize(size, 3); }

    /** "registry:5000/app:1.0" → "registry:5000/app": the tag follows the last ':' after the last '/'. */
    static String repository(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
    }

    static String tag(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "latest";
    }

    private static String repositoryOfDigest(String ref) {
        int at = ref.indexOf('@');
        return at < 0 ? ref : ref.substring(0, at);
    }
}
