package berth.engine;

import berth.common.BerthException;
import berth.common.Ids;
import berth.engine.model.ContainerConfig;
import berth.engine.model.HostConfig;
import berth.engine.model.Status;
import berth.image.Image;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes a new container value from a create request and its image, with Docker's merging rules. */
final class ContainerFactory {
    private ContainerFactory() {}

    static Container create(String id, String name, ContainerConfig requested, HostConfig hostConfig, Image image) {
        ContainerConfig config = merge(requested, image.config(), id);
        List<String> argv = new ArrayList<>(config.entrypoint());
        argv.addAll(config.cmd());
        if (argv.isEmpty()) throw BerthException.invalid("No command specified");
        return new Container(id, name, Instant.now(), argv.getFirst(), argv.subList(1, argv.size()), config,
                hostConfig.normalized(), image.id(), Status.CREATED, 0, 0, "", Instant.EPOCH, Instant.EPOCH, 0, List.of());
    }

    /** Client values win; the image fills what the client left out. An Entrypoint given by the client drops
     * the image's Cmd, as in Docker. Env merges by key. */
    static ContainerConfig merge(ContainerConfig c, Image.ImageConfig img, String id) {
        List<String> entrypoint = c.entrypoint() != null ? withoutEmpty(c.entrypoint()) : img.entrypoint();
        List<String> cmd = c.cmd() != null ? c.cmd() : c.entrypoint() != null ? List.of() : img.cmd();
        return new ContainerConfig(
                blank(c.hostname()) ? Ids.shortId(id) : c.hostname(), orEmpty(c.domainname()),
                blank(c.user()) ? img.user() : c.user(),
                c.attachStdin(), c.attachStdout(), c.attachStderr(), mergePorts(img.exposedPorts(), c.exposedPorts()),
                c.tty(), c.openStdin(),
                c.stdinOnce(), mergeEnv(img.env(), c.env()), cmd, c.image(), mergeVolumes(img.volumes(), c.volumes()),
                blank(c.workingDir()) ? img.workingDir() : c.workingDir(), entrypoint,
                mergeLabels(img.labels(), c.labels()),
                blank(c.stopSignal()) ? img.stopSignal() : c.stopSignal(), c.stopTimeout(),
                HealthConfigs.merge(c.healthcheck(), img.healthcheck()));
    }

    /** The image's EXPOSE and the client's ExposedPorts together, as Docker merges them; null when neither has any. */
    private static Map<String, Object> mergePorts(List<String> image, Map<String, Object> client) {
        if (image.isEmpty()) return client;
        Map<String, Object> ports = new LinkedHashMap<>();
        image.forEach(p -> ports.put(p.contains("/") ? p : p + "/tcp", Map.of()));
        if (client != null) ports.putAll(client);
        return ports;
    }

    /** The image's VOLUMEs and the client's Config.Volumes, as Docker merges them; null when neither has any. */
    private static Map<String, Object> mergeVolumes(List<String> image, Map<String, Object> client) {
        if (image.isEmpty()) return client;
        Map<String, Object> volumes = new LinkedHashMap<>();
        image.forEach(v -> volumes.put(v, Map.of()));
        if (client != null) volumes.putAll(client);
        return volumes;
    }

    private static List<String> withoutEmpty(List<String> entrypoint) {
        return entrypoint.size() == 1 && entrypoint.getFirst().isEmpty() ? List.of() : entrypoint;
    }

    static List<String> mergeEnv(List<String> base, List<String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : base) env.put(key(e), e);
        if (overrides != null) for (String e : overrides) env.put(key(e), e);
        return List.copyOf(env.values());
    }

    private static Map<String, String> mergeLabels(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> labels = new LinkedHashMap<>(base);
        if (overrides != null) labels.putAll(overrides);
        return labels;
    }

    private static String key(String envEntry) {
        int eq = envEntry.indexOf('=');
        return eq < 0 ? envEntry : envEntry.substring(0, eq);
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
