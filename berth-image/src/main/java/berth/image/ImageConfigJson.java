package berth.image;

import berth.common.BerthException;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's image config JSON ({@code application/vnd.docker.container.image.v1+json}, the same as OCI's):
 * lowercase top-level keys, UpperCamel keys inside {@code config}. Read as a tree: the stored bytes stay
 * exactly as received, because the image ID is their digest.
 */
final class ImageConfigJson {
    private ImageConfigJson() {}

    static JsonNode parse(byte[] config) {
        try {
            JsonNode node = Json.oci().readTree(config);
            if (node == null || !node.isObject()) throw BerthException.invalid("invalid image config: not a JSON object");
            return node;
        } catch (IOException e) {
            throw new BerthException.InvalidArgument("invalid image config: " + e.getMessage(), e);
        }
    }

    static List<String> diffIds(JsonNode config) {
        return strings(config.path("rootfs").path("diff_ids"));
    }

    static Instant created(JsonNode config) {
        String text = config.path("created").asText("");
        if (text.isEmpty()) return Instant.EPOCH;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    static Image toImage(ImageIndex.Row row) {
        JsonNode json = parse(row.config());
        return new Image(row.id(), row.tags(), List.of(), "", json.path("comment").asText(""), created(json),
                json.path("author").asText(""), json.path("architecture").asText(""), json.path("os").asText(""),
                row.size(), runConfig(json.path("config")), diffIds(json));
    }

    static Image.ImageConfig runConfig(JsonNode c) {
        return new Image.ImageConfig(c.path("User").asText(""), strings(c.path("Env")), strings(c.path("Cmd")),
                strings(c.path("Entrypoint")), c.path("WorkingDir").asText(""), labels(c.path("Labels")),
                keys(c.path("ExposedPorts")), keys(c.path("Volumes")), c.path("StopSignal").asText(""),
                strings(c.path("Shell")));
    }

    /** The config of an imported rootfs: one layer, one history entry, {@code runConfig} from the changes. */
    static byte[] forImport(ObjectNode runConfig, String diffId, Instant created, String comment) {
        ObjectNode root = Json.oci().createObjectNode();
        root.put("architecture", Platform.architecture());
        root.put("comment", comment);
        root.set("config", runConfig);
        root.put("created", created.toString());
        root.putArray("history").addObject().put("created", created.toString()).put("comment", comment);
        root.put("os", "linux");
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        try {
            return Json.oci().writeValueAsBytes(root);
        } catch (IOException e) {
            throw BerthException.fault("cannot write image config", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Map<String, String> labels(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
