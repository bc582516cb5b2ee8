package berth.api.http;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** One address the server listens on. */
public sealed interface Binding {
    /** A unix socket at this path (the caller sets its owner and mode). */
    record Unix(Path socket) implements Binding {}

    /** A TCP address; every connection starts with a TLS handshake under this context. */
    record Tcp(InetSocketAddress address, SslContext tls) implements Binding {}
}
