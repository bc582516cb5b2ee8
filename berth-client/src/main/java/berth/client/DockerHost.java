package berth.client;

import berth.common.tls.TlsMaterial;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the daemon listens, as docker's {@code -H} names it: {@code unix:///path}, or {@code tcp://HOST:PORT}
 * (with TLS when the client verifies the daemon: {@code --tlsverify} or {@code DOCKER_TLS_VERIFY}).
 */
public sealed interface DockerHost {
    String DEFAULT = "unix:///run/berth/berth.sock";

    /** A unix socket. */
    record Unix(Path socket) implements DockerHost {
        @Override
        public String url() { return "unix://" + socket; }

        @Override
        public String toString() { return url(); }
    }

    /** A TCP port; plain HTTP only when {@code tls} is empty (berthd itself serves TCP with TLS only). */
    record Tcp(String host, int port, Optional<TlsMaterial> tls) implements DockerHost {
        @Override
        public String url() { return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port; }

        @Override
        public String toString() { return url(); }
    }

    String url();

    /** {@code -H} wins, then {@code BERTH_HOST}, then {@code DOCKER_HOST}, then the default socket; no TLS. */
    static DockerHost resolve(Optional<String> flag, Map<String, String> env) {
        return resolve(flag, ClientTls.Flags.none(), env);
    }

    /** As {@link #resolve(Optional, Map)}, with TLS for a TCP host as docker's flags and environment ask. */
    static DockerHost resolve(Optional<String> flag, ClientTls.Flags tlsFlags, Map<String, String> env) {
        String url = flag.or(() -> Optional.ofNullable(env.get("BERTH_HOST")).filter(s -> !s.isBlank()))
                .or(() -> Optional.ofNullable(env.get("DOCKER_HOST")))
                .filter(s -> !s.isBlank())
                .orElse(DEFAULT);
        return parse(url, ClientTls.resolve(tlsFlags, env));
    }

    static DockerHost parse(String url) {
        return parse(url, Optional.empty());
    }

    static DockerHost parse(String url, Optional<ClientTls> tls) {
        if (url.startsWith("unix://")) {
            return new Unix(Path.of(url.substring("unix://".length())));
        }
        if (url.startsWith("/")) {
            return new Unix(Path.of(url));
        }
        if (url.startsWith("tcp://")) {
            return tcp(url, tls);
        }
        throw new IllegalArgumentException("unsupported host '" + url + "': use unix:///path or tcp://host:port");
    }

    /** Docker's default ports: 2376 with TLS, 2375 without. */
    private static Tcp tcp(String url, Optional<ClientTls> tls) {
        String addr = url.substring("tcp://".length());
        if (addr.endsWith("/")) addr = addr.substring(0, addr.length() - 1);
        String name = addr;
        int port = tls.isPresent() ? 2376 : 2375;
        int colon = addr.lastIndexOf(':');
        if (colon >= 0 && addr.indexOf(']') < colon) {
            name = addr.substring(0, colon);
            try {
                port = Integer.parseInt(addr.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid port in host '" + url + "'");
            }
        }
        if (name.startsWith("[") && name.endsWith("]")) name = name.substring(1, name.length() - 1);
        if (name.isEmpty()) name = "localhost";
        return new Tcp(name, port, tls.map(ClientTls::load));
    }
}
