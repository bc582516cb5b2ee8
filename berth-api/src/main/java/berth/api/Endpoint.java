package berth.api;

import berth.common.tls.TlsMaterial;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.util.Optional;

/** Where the API is served: {@code -H unix://PATH} or {@code -H tcp://HOST:PORT} (TLS with client certificates). */
public sealed interface Endpoint {

    /** A socket owned by root and {@code group} (root's group when empty), mode 0660. */
    record Unix(Path socket, Optional<GroupPrincipal> group) implements Endpoint {
        @Override
        public String toString() { return "unix://" + socket; }
    }

    /** Only with TLS: the client must present a certificate signed by {@code tls}'s CA. */
    record Tcp(String host, int port, TlsMaterial tls) implements Endpoint {
        @Override
        public String toString() { return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port; }
    }
}
