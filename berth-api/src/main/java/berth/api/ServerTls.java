package berth.api;

import berth.common.tls.TlsMaterial;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * The TCP listener's TLS, as dockerd's {@code --tlsverify}: TLS 1.2+, the JDK's provider (no native
 * library to ship), and a client certificate signed by the CA required before any request is read.
 */
final class ServerTls {
    private ServerTls() {}

    static SslContext context(TlsMaterial tls) {
        try {
            return SslContextBuilder.forServer(tls.keyManagers())
                    .trustManager(tls.trustManagers())
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(TlsMaterial.PROTOCOLS)
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
