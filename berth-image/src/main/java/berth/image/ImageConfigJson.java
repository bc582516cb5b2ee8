package berth.image;

import berth.common.BerthException;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
        return new Image(row.id(), row.tags(), row.repoDigests(), "", json.path("comment").asText(""), created(json),
                json.path("author").asText(""), json.path("architecture").asText(""), json.path("os").asText(""),
                row.size(), runConfig(json.path("config")), diffIds(json));
    }

    static Image.ImageConfig runConfig(JsonNode c) {
        return new Image.ImageConfig(c.path("User").asText(""), strings(c.path("Env")), strings(c.path("Cmd")),
                strings(c.path("Entrypoint")), c.path("WorkingDir").asText(""), labels(c.path("Labels")),
                keys(c.path("ExposedPorts")), keys(c.path("Volumes")), c.path("StopSignal").asText(""),
                strings(c.path("Shell")), healthcheck(c.path("Healthcheck")));
    }

    private static Image.Healthcheck healthcheck(JsonNode h) {
        if (!h.isObject()) return Image.Healthcheck.NONE;
        return new Image.Healthcheck(strings(h.path("Test")), h.path("Interval").asLong(0), h.path("Timeout").asLong(0),
                h.path("StartPeriod").asLong(0), h.path("StartInterval").asLong(0), h.path("Retries").asInt(0));
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

    /** An image run config as Docker's "config" object; empty fields are left out. */
    static ObjectNode toJson(Image.ImageConfig c) {
        ObjectNode o = Json.oci().createObjectNode();
        if (!c.user().isEmpty()) o.put("User", c.user());
        if (!c.exposedPorts().isEmpty()) {
            ObjectNode ports = o.putObject("ExposedPorts");
            c.exposedPorts().forEach(ports::putObject);
        }
        if (!c.env().isEmpty()) c.env().forEach(o.putArray("Env")::add);
        if (!c.cmd().isEmpty()) c.cmd().forEach(o.putArray("Cmd")::add);
        if (!c.volumes().isEmpty()) {
            ObjectNode volumes = o.putObject("Volumes");
            c.volumes().forEach(volumes::putObject);
        }
        if (!c.workingDir().isEmpty()) o.put("WorkingDir", c.workingDir());
        if (!c.entrypoint().isEmpty()) c.entrypoint().forEach(o.putArray("Entrypoint")::add);
        if (!c.labels().isEmpty()) c.labels().forEach(o.putObject("Labels")::put);
        if (!c.stopSignal().isEmpty()) o.put("StopSignal", c.stopSignal());
        if (!c.shell().isEmpty()) c.shell().forEach(o.putArray("Shell")::add);
        if (c.healthcheck().isSet()) o.set("Healthcheck", healthcheckJson(c.healthcheck()));
        return o;
    }

    /** Docker leaves zero durations and retries out. */
    static ObjectNode healthcheckJson(Image.Healthcheck h) {
        ObjectNode o = Json.oci().createObjectNode();
        h.test().forEach(o.putArray("Test")::add);
        if (h.interval() != 0) o.put("Interval", h.interval());
        if (h.timeout() != 0) o.put("Timeout", h.timeout());
        if (h.startPeriod() != 0) o.put("StartPeriod", h.startPeriod());
        if (h.startInterval() != 0) o.put("StartInterval", h.startInterval());
        if (h.retries() != 0) o.put("Retries", h.retries());
        return o;
    }

    /**
     * The config of a committed image: the parent's architecture and history, the parent's layers' diff
     * IDs plus the new layer's, the run config, and one history entry for the commit.
     */
    static byte[] forCommit(JsonNode parent, ObjectNode runConfig, List<String> diffIds, Instant created,
                            CommitSpec spec, String containerId) {
        ObjectNode root = Json.oci().createObjectNode();
        root.put("architecture", parent.path("architecture").asText(Platform.architecture()));
        if (!spec.author().isEmpty()) root.put("author", spec.author());
        if (!spec.comment().isEmpty()) root.put("comment", spec.comment());
        root.set("config", runConfig);
        root.put("container", containerId);
        root.put("created", created.toString());
        ArrayNode history = root.putArray("history");
        parent.path("history").forEach(h -> history.add(h.deepCopy()));
        ObjectNode entry = history.addObject().put("created", created.toString()).put("created_by", spec.createdBy());
        if (!spec.author().isEmpty()) entry.put("author", spec.author());
        if (!spec.comment().isEmpty()) entry.put("comment", spec.comment());
        root.put("os", parent.path("os").asText("linux"));
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        diffIds.forEach(rootfs.putArray("diff_ids")::add);
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
