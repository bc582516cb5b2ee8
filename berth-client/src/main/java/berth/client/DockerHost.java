package berth.client;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the daemon listens: a unix socket, named as {@code unix:///path} like docker's {@code -H}. */
public record DockerHost(Path socket) {
    public static final String DEFAULT = "unix:///run/berth/berth.sock";

    /** {@code -H} wins, then {@code BERTH_HOST}, then the default socket. */
    public static DockerHost resolve(Optional<String> flag, Map<String, String> env) {
        return parse(flag.or(() -> Optional.ofNullable(env.get("BERTH_HOST")))
                .filter(s -> !s.isBlank())
                .orElse(DEFAULT));
    }

    public static DockerHost parse(String url) {
        if (url.startsWith("unix://")) {
            return new DockerHost(Path.of(url.substring("unix://".length())));
        }
        if (url.startsWith("/")) {
            return new DockerHost(Path.of(url));
        }
        throw new IllegalArgumentException("unsupported host '" + url + "': only unix:///path is supported");
    }

    public String url() { return "unix://" + socket; }

    @Override
    public String toString() { return url(); }
}
