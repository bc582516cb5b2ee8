package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** images rows: one per tag of each image summary ({@code <none>} when untagged), as docker shows them. */
final class ImageRows {
    static final String DEFAULT_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    static final String DIGESTS_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    static final ObjectNode HEADERS = JsonNodeFactory.instance.objectNode()
            .put("Containers", "CONTAINERS").put("CreatedAt", "CREATED AT").put("CreatedSince", "CREATED")
            .put("Digest", "DIGEST").put("ID", "IMAGE ID").put("Repository", "REPOSITORY").put("SharedSize", "SHARED SIZE")
            .put("Size", "SIZE").put("Tag", "TAG").put("UniqueSize", "UNIQUE SIZE").put("VirtualSize", "SIZE");
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private ImageRows() {}

    static List<ObjectNode> rows(JsonNode image, boolean trunc, Instant now) {
        return rows(image, trunc, false, now);
    }

    /**
     * docker's rows: one per tag, repeated per digest of the same repository when digests are shown; a
     * repository known only by digest gets a {@code <none>} tag row; an image without either one row of
     * {@code <none>}.
     */
    static List<ObjectNode> rows(JsonNode image, boolean trunc, boolean digests, Instant now) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        image.path("RepoTags").forEach(t -> {
            if (!t.asText().equals("<none>:<none>"))
                tags.computeIfAbsent(repository(t.asText()), k -> new ArrayList<>()).add(tag(t.asText()));
        });
        Map<String, List<String>> byDigest = new LinkedHashMap<>();
        image.path("RepoDigests").forEach(d -> {
            int at = d.asText().indexOf('@');
            if (at > 0 && !d.asText().equals("<none>@<none>"))
                byDigest.computeIfAbsent(d.asText().substring(0, at), k -> new ArrayList<>()).add(d.asText().substring(at + 1));
        });
        List<ObjectNode> rows = new ArrayList<>();
        tags.forEach((repo, repoTags) -> {
            List<String> ds = byDigest.remove(repo);
            for (String tag : repoTags) {
                if (!digests || ds == null) rows.add(row(image, repo, tag, "<none>", trunc, now));
                else ds.forEach(d -> rows.add(row(image, repo, tag, d, trunc, now)));
            }
        });
        byDigest.forEach((repo, ds) -> {
            if (digests) ds.forEach(d -> rows.add(row(image, repo, "<none>", d, trunc, now)));
            else rows.add(row(image, repo, "<none>", "<none>", trunc, now));
        });
        if (rows.isEmpty()) rows.add(row(image, "<none>", "<none>", "<none>", trunc, now));
        return rows;
    }

    private static ObjectNode row(JsonNode image, String repo, String tag, String digest, boolean trunc, Instant now) {
        Instant created = Instant.ofEpochSecond(image.path("Created").asLong());
        String id = image.path("Id").asText();
        long containers = image.path("Containers").asLong(-1);
        return JsonNodeFactory.instance.objectNode()
                .put("Containers", containers < 0 ? "N/A" : Long.toString(containers))
                .put("CreatedAt", GO_TIME.format(created.atZone(ZoneId.systemDefault())))
                .put("CreatedSince", Units.humanDuration(Duration.between(created, now)) + " ago")
                .put("Digest", digest)
                .put("ID", trunc ? ContainerRows.shortId(id) : id)
                .put("Repository", repo)
                .put("SharedSize", sizeOrNa(image.path("SharedSize").asLong(-1)))
                .put("Size", Units.humanSize(image.path("Size").asDouble(), 3))
                .put("Tag", tag)
                .put("UniqueSize", image.path("SharedSize").asLong(-1) < 0 ? "N/A"
                        : sizeOrNa(image.path("Size").asLong() - image.path("SharedSize").asLong()))
                .put("VirtualSize", Units.humanSize(image.path("Size").asDouble(), 3));
    }

    /** Shared and unique sizes: docker's HumanSize (4 digits), unlike the 3 of the SIZE column. */
    private static String sizeOrNa(long size) { return size < 0 ? "N/A" : Units.humanSize(size); }

    /** "registry:5000/app:1.0" → "registry:5000/app": the tag follows the last ':' after the last '/'. */
    static String repository(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
    }

    static String tag(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "latest";
    }

}
