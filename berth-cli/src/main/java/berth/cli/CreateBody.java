package berth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** The body of {@code POST /containers/create} for a run/create command line, as docker builds it. */
final class CreateBody {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CreateBody() {}

    static ObjectNode of(ContainerSpec spec) {
        ObjectNode config = JSON.objectNode();
        spec.hostname().ifPresent(h -> config.put("Hostname", h));
        spec.user().ifPresent(u -> config.put("User", u));
        config.put("AttachStdin", spec.interactive() && spec.attached())
                .put("AttachStdout", spec.attached())
                .put("AttachStderr", spec.attached())
                .put("Tty", spec.tty())
                .put("OpenStdin", spec.interactive())
                .put("StdinOnce", spec.interactive() && spec.attached());
        putList(config, "Env", spec.env());
        if (!spec.command().isEmpty()) {
            putList(config, "Cmd", spec.command());
        }
        config.put("Image", spec.image());
        anonymousVolumes(spec.volumes()).ifPresent(v -> config.set("Volumes", v));
        spec.workdir().ifPresent(w -> config.put("WorkingDir", w));
        // --entrypoint "" clears the image's entrypoint: docker sends [""] for it
        spec.entrypoint().ifPresent(e -> putList(config, "Entrypoint", List.of(e)));
        labels(spec.labels()).ifPresent(l -> config.set("Labels", l));
        spec.stopSignal().ifPresent(s -> config.put("StopSignal", s));
        spec.stopTimeout().ifPresent(t -> config.put("StopTimeout", t));
        config.set("HostConfig", hostConfig(spec));
        return config;
    }

    private static ObjectNode hostConfig(ContainerSpec spec) {
        ObjectNode host = JSON.objectNode();
        List<String> binds = spec.volumes().stream().filter(v -> v.contains(":")).toList();
        if (!binds.isEmpty()) {
            putList(host, "Binds", binds);
        }
        host.put("NetworkMode", spec.network().orElse("default"));
        host.put("AutoRemove", spec.autoRemove());
        return host;
    }

    /** {@code -v /data} (no source) is an anonymous volume: Config.Volumes, not a bind. */
    private static Optional<ObjectNode> anonymousVolumes(List<String> volumes) {
        ObjectNode v = JSON.objectNode();
        volumes.stream().filter(s -> !s.contains(":")).forEach(s -> v.set(s, JSON.objectNode()));
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** {@code -l k=v}; a bare {@code -l k} is an empty label. */
    private static Optional<ObjectNode> labels(List<String> labels) {
        ObjectNode l = JSON.objectNode();
        for (String label : labels) {
            int eq = label.indexOf('=');
            l.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        return l.isEmpty() ? Optional.empty() : Optional.of(l);
    }

    private static void putList(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }
}
