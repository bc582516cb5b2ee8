package berth.client;

import berth.common.tls.TlsMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client's TLS files, chosen as docker's CLI chooses them: {@code --tlsverify} or a non-empty
 * {@code DOCKER_TLS_VERIFY} turns TLS on; each of {@code --tlscacert/--tlscert/--tlskey} defaults to
 * ca.pem, cert.pem, key.pem in {@code DOCKER_CERT_PATH}, else {@code ~/.docker}.
 */
public record ClientTls(Path ca, Path cert, Path key) {

    /** The global flags as given; empty when not. */
    public record Flags(boolean verify, Optional<Path> ca, Optional<Path> cert, Optional<Path> key) {
        public static Flags none() {
            return new Flags(false, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    static Optional<ClientTls> resolve(Flags flags, Map<String, String> env) {
        boolean on = flags.verify() || !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
        if (!on) return Optional.empty();
        Path dir = Optional.ofNullable(env.get("DOCKER_CERT_PATH")).filter(s -> !s.isEmpty()).map(Path::of)
                .orElseGet(() -> Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker"));
        return Optional.of(new ClientTls(flags.ca().orElse(dir.resolve("ca.pem")),
                flags.cert().orElse(dir.resolve("cert.pem")), flags.key().orElse(dir.resolve("key.pem"))));
    }

    /**
     * Reads the files. A missing certificate and key pair means no client certificate (as docker's CLI: the
     * daemon then refuses the handshake); the CA is required, since we verify the daemon against it.
     */
    TlsMaterial load() {
        boolean withCert = Files.exists(cert) || Files.exists(key);
        return TlsMaterial.fromPem(read(ca), withCert ? read(cert) : "", withCert ? read(key) : "",
                List.of(ca.toString(), cert.toString(), key.toString()), withCert);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read TLS file " + file + ": " + e.getMessage(), e);
        }
    }
}
