package berth.api.wire;

import berth.image.Image;
import berth.image.ImageService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /images/{name}/json}, key for key as Docker 28 sends it to API 1.47 clients: Config is the full
 * container config (empty legacy fields included, optional ones left out when unset), GraphDriver is overlay2's
 * with the layers' paths, VirtualSize only below API 1.44.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ImageInspect(String id, List<String> repoTags, List<String> repoDigests, String parent,
                           String comment, String created, String dockerVersion, String author,
                           Map<String, Object> config, String architecture, String os, long size, Long virtualSize,
                           GraphDriver graphDriver, @JsonProperty("RootFS") RootFs rootFS, Metadata metadata) {

    public record GraphDriver(Map<String, String> data, String name) {}

    public record RootFs(String type, List<String> layers) {}

    public record Metadata(String lastTagTime) {}

    /** Go's RFC 3339 with nanoseconds: trailing zeros of the fraction dropped. */
    private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

    public static ImageInspect of(ImageService.Inspection inspection, boolean withVirtualSize) {
        Image i = inspection.image();
        return new ImageInspect(i.id(), i.repoTags(), i.repoDigests(), i.parent() == null ? "" : i.parent(),
                i.comment(), rfc3339Nano(i.created()), "", i.author(), config(inspection.runConfig()),
                i.architecture(), i.os(), i.size(), withVirtualSize ? i.size() : null,
                new GraphDriver(new java.util.TreeMap<>(inspection.graphDriverData()), "overlay2"), new RootFs("layers", i.diffIds()),
                new Metadata("0001-01-01T00:00:00Z"));
    }

    static String rfc3339Nano(Instant t) {
        String text = RFC3339_NANO.format(t.atOffset(ZoneOffset.UTC));
        text = text.replaceAll("0+$", "");
        return (text.endsWith(".") ? text.substring(0, text.length() - 1) : text) + "Z";
    }

    /** The run config in Docker's container.Config order; always-present keys default to Go's zero values. */
    private static Map<String, Object> config(JsonNode c) {
        var out = new LinkedHashMap<String, Object>();
        out.put("Hostname", c.path("Hostname").asText(""));
        out.put("Domainname", c.path("Domainname").asText(""));
        out.put("User", c.path("User").asText(""));
        out.put("AttachStdin", c.path("AttachStdin").asBoolean(false));
        out.put("AttachStdout", c.path("AttachStdout").asBoolean(false));
        out.put("AttachStderr", c.path("AttachStderr").asBoolean(false));
        optional(out, "ExposedPorts", c);
        out.put("Tty", c.path("Tty").asBoolean(false));
        out.put("OpenStdin", c.path("OpenStdin").asBoolean(false));
        out.put("StdinOnce", c.path("StdinOnce").asBoolean(false));
        out.put("Env", orNull(c.path("Env")));
        out.put("Cmd", orNull(c.path("Cmd")));
        optional(out, "Healthcheck", c);
        if (c.path("ArgsEscaped").asBoolean(false)) out.put("ArgsEscaped", true);
        out.put("Image", c.path("Image").asText(""));
        out.put("Volumes", orNull(c.path("Volumes")));
        out.put("WorkingDir", c.path("WorkingDir").asText(""));
        out.put("Entrypoint", orNull(c.path("Entrypoint")));
        out.put("OnBuild", orNull(c.path("OnBuild")));
        out.put("Labels", orNull(c.path("Labels")));
        optional(out, "StopSignal", c);
        optional(out, "StopTimeout", c);
        optional(out, "Shell", c);
        return out;
    }

    private static void optional(Map<String, Object> out, String key, JsonNode c) {
        JsonNode v = c.path(key);
        if (!v.isMissingNode() && !v.isNull() && !(v.isContainerNode() && v.isEmpty()) && !(v.isTextual() && v.asText().isEmpty()))
            out.put(key, v);
    }

    /** As stored: a field the config leaves out is Go's nil. */
    private static Object orNull(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? null : v;
    }
}
