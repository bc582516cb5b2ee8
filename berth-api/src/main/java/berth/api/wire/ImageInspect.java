package berth.api.wire;

import berth.image.Image;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /images/{name}/json}. */
public record ImageInspect(String id, List<String> repoTags, List<String> repoDigests, String parent,
                           String comment, String created, String author, Config config, String architecture,
                           String os, long size, GraphDriver graphDriver,
                           @JsonProperty("RootFS") RootFs rootFS, Metadata metadata) {

    public record Config(String user, List<String> env, List<String> cmd, List<String> entrypoint,
                         String workingDir, Map<String, String> labels, Map<String, Object> exposedPorts,
                         Map<String, Object> volumes, String stopSignal) {}

    public record GraphDriver(String name, Map<String, String> data) {}

    public record RootFs(String type, List<String> layers) {}

    public record Metadata(String lastTagTime) {}

    public static ImageInspect of(Image i) {
        return new ImageInspect(i.id(), i.repoTags(), i.repoDigests(), i.parent(), i.comment(),
                i.created().toString(), i.author(), config(i.config()), i.architecture(), i.os(), i.size(),
                new GraphDriver("overlay2", Map.of()), new RootFs("layers", i.diffIds()),
                new Metadata("0001-01-01T00:00:00Z"));
    }

    private static Config config(Image.ImageConfig c) {
        return new Config(c.user(), c.env(), c.cmd().isEmpty() ? null : c.cmd(),
                c.entrypoint().isEmpty() ? null : c.entrypoint(), c.workingDir(), c.labels(),
                asSet(c.exposedPorts()), asSet(c.volumes()), c.stopSignal());
    }

    /** Docker writes sets as objects with empty values: {@code {"80/tcp": {}}}. */
    private static Map<String, Object> asSet(List<String> keys) {
        var out = new LinkedHashMap<String, Object>();
        keys.forEach(k -> out.put(k, Map.of()));
        return out;
    }
}
