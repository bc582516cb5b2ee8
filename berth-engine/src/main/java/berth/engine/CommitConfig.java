package berth.engine;

import berth.engine.model.ContainerConfig;
import berth.image.Image;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run config of a committed image: the container's config with the request's merged over it, by
 * Docker's rules: values given win; Env, Labels, ExposedPorts and Volumes are merged by key; Cmd and
 * Entrypoint come from the container only when the request gives neither.
 */
final class CommitConfig {
    private CommitConfig() {}

    static Image.ImageConfig of(Container container, Optional<ContainerConfig> request, List<String> shell) {
        ContainerConfig c = container.config();
        if (request.isEmpty()) return of(c, c.cmd(), c.entrypoint(), shell);
        ContainerConfig r = request.get();
        boolean commandGiven = nonEmpty(r.cmd()) || nonEmpty(r.entrypoint());
        ContainerConfig merged = new ContainerConfig(c.hostname(), c.domainname(), pick(r.user(), c.user()),
                c.attachStdin(), c.attachStdout(), c.attachStderr(), union(c.exposedPorts(), r.exposedPorts()),
                c.tty(), c.openStdin(), c.stdinOnce(), ContainerFactory.mergeEnv(orEmpty(c.env()), r.env()),
                c.cmd(), c.image(), union(c.volumes(), r.volumes()), pick(r.workingDir(), c.workingDir()),
                c.entrypoint(), union(c.labels(), r.labels()), pick(r.stopSignal(), c.stopSignal()), c.stopTimeout(),
                r.healthcheck() != null ? r.healthcheck() : c.healthcheck());
        return commandGiven ? of(merged, orEmpty(r.cmd()), orEmpty(r.entrypoint()), shell)
                : of(merged, c.cmd(), c.entrypoint(), shell);
    }

    private static Image.ImageConfig of(ContainerConfig c, List<String> cmd, List<String> entrypoint, List<String> shell) {
        Map<String, String> labels = c.labels() == null ? Map.of() : c.labels();
        return new Image.ImageConfig(orEmpty(c.user()), orEmpty(c.env()), orEmpty(cmd), orEmpty(entrypoint),
                orEmpty(c.workingDir()), labels, keys(c.exposedPorts()), keys(c.volumes()), orEmpty(c.stopSignal()),
                shell, HealthConfigs.toImage(c.healthcheck()));
    }

    private static <V> Map<String, V> union(Map<String, V> base, Map<String, V> given) {
        if (base == null && given == null) return null;
        Map<String, V> out = new LinkedHashMap<>();
        if (base != null) out.putAll(base);
        if (given != null) out.putAll(given);
        return out;
    }

    private static List<String> keys(Map<String, ?> map) {
        if (map == null) return List.of();
        Set<String> keys = new LinkedHashSet<>(map.keySet());
        return new ArrayList<>(keys);
    }

    private static String pick(String given, String fallback) {
        return given == null || given.isEmpty() ? fallback : given;
    }

    private static boolean nonEmpty(List<String> list) {
        return list != null && !list.isEmpty();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
