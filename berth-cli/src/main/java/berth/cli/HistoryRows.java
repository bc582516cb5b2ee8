package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** history rows: one per history item, with docker's columns and truncation. */
final class HistoryRows {
    static final String DEFAULT_TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    static final String NON_HUMAN_TABLE = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    static final ObjectNode HEADERS = JsonNodeFactory.instance.objectNode()
            .put("ID", "IMAGE").put("CreatedSince", "CREATED").put("CreatedAt", "CREATED AT")
            .put("CreatedBy", "CREATED BY").put("Size", "SIZE").put("Comment", "COMMENT");
    private static final int CREATED_BY_WIDTH = 45;

    private HistoryRows() {}

    static ObjectNode row(JsonNode item, boolean trunc, boolean human, Instant now) {
        Instant created = Instant.ofEpochSecond(item.path("Created").asLong());
        String id = item.path("Id").asText();
        String createdBy = item.path("CreatedBy").asText().replace('\t', ' ');
        long size = item.path("Size").asLong();
        return JsonNodeFactory.instance.objectNode()
                .put("ID", trunc ? ContainerRows.shortId(id) : id)
                .put("CreatedSince", human ? Units.humanDuration(Duration.between(created, now)) + " ago" : rfc3339(created))
                .put("CreatedAt", rfc3339(created))
                .put("CreatedBy", trunc ? ContainerRows.ellipsis(createdBy, CREATED_BY_WIDTH) : createdBy)
                .put("Size", human ? Units.humanSize(size, 3) : Long.toString(size))
                .put("Comment", item.path("Comment").asText());
    }

    private static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(ZoneId.systemDefault()).toOffsetDateTime());
    }
}
