package berth.tests;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real registry (Debian's {@code docker-registry}) on 127.0.0.1 with its own port, config and storage
 * in a temp dir: without auth, with htpasswd (Basic, bcrypt entries from {@code htpasswd -nbB}), or with
 * token auth, where a small token issuer here (JDK HTTP server) signs RS256 JWTs with a key made by
 * {@code openssl} at test time, whose certificate the registry trusts ({@code auth.token.rootcertbundle}).
 * {@link #close()} stops both and deletes the directory.
 */
final class TestRegistry implements AutoCloseable {
    static final String SERVICE = "berth-test-registry";
    private static final String ISSUER = "berth-test-issuer";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private final Path dir;
    private final int port;
    private Process process;
    private HttpServer issuer;

    private TestRegistry(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static TestRegistry plain() throws IOException {
        return new TestRegistry(Files.createTempDirectory("berth-registry."), freePort()).launch("");
    }

    static TestRegistry basic(String user, String password) throws IOException {
        var registry = new TestRegistry(Files.createTempDirectory("berth-registry."), freePort());
        String entry = Shell.run(List.of("htpasswd", "-nbB", user, password)).trim();
        Files.writeString(registry.dir.resolve("htpasswd"), entry + "\n");
        return registry.launch("""
                auth:
                  htpasswd:
                    realm: berth-test
                    path: %s
                """.formatted(registry.dir.resolve("htpasswd")));
    }

    static TestRegistry token(String user, String password) throws IOException {
        var registry = new TestRegistry(Files.createTempDirectory("berth-registry."), freePort());
        Path key = registry.dir.resolve("key.pem");
        Path cert = registry.dir.resolve("cert.pem");
        Shell.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + ISSUER));
        registry.issuer = TokenIssuer.start(user, password, privateKey(key), certificateDer(cert));
        String realm = "http://127.0.0.1:" + registry.issuer.getAddress().getPort() + "/token";
        return registry.launch("""
                auth:
                  token:
                    realm: %s
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(realm, SERVICE, ISSUER, cert));
    }

    private TestRegistry launch(String auth) throws IOException {
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                %s""".formatted(storage(), port, auth));
        process = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private void awaitReady() {
        var http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                var res = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200 || res.statusCode() == 401) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!process.isAlive()) break;
            BerthDaemon.sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("docker-registry did not answer on " + endpoint() + ":\n" + log());
    }

    /** {@code 127.0.0.1:PORT}, as references name it. */
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    Path storage() {
        return dir.resolve("storage");
    }

    /** The data file of a blob in the registry's filesystem storage. */
    Path blobData(String digest) {
        String hex = digest.substring("sha256:".length());
        return storage().resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test key", e);
        }
    }

    private static String certificateDer(Path pem) throws IOException {
        return Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    @Override
    public void close() {
        if (issuer != null) issuer.stop(0);
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Shell.run(List.of("rm", "-rf", dir.toString()));
    }

    /** Issues JWTs for the one user it knows, granting every scope asked (as a permissive auth server would). */
    private static final class TokenIssuer {
        static HttpServer start(String user, String password, PrivateKey key, String certDer) throws IOException {
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/token", ex -> {
                try (ex) {
                    if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                        byte[] body = "{\"details\":\"incorrect username or password\"}".getBytes(StandardCharsets.UTF_8);
                        ex.sendResponseHeaders(401, body.length);
                        ex.getResponseBody().write(body);
                        return;
                    }
                    String jwt = sign(user, scopes(ex.getRequestURI().getRawQuery()), key, certDer);
                    byte[] body = ("{\"token\":\"" + jwt + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                }
            });
            server.start();
            return server;
        }

        private static List<String> scopes(String query) {
            List<String> scopes = new ArrayList<>();
            if (query == null) return scopes;
            for (String pair : query.split("&"))
                if (pair.startsWith("scope=")) scopes.add(java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
            return scopes;
        }

        private static String sign(String user, List<String> scopes, PrivateKey key, String certDer) {
            StringBuilder access = new StringBuilder();
            for (String scope : scopes) {
                String[] parts = scope.split(":");
                if (parts.length < 3) continue;
                String name = String.join(":", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
                String actions = String.join("\",\"", parts[parts.length - 1].split(","));
                if (!access.isEmpty()) access.append(',');
                access.append("{\"type\":\"").append(parts[0]).append("\",\"name\":\"").append(name)
                        .append("\",\"actions\":[\"").append(actions).append("\"]}");
            }
            long now = Instant.now().getEpochSecond();
            String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + certDer + "\"]}";
            String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"aud\":\"" + SERVICE + "\",\"exp\":" + (now + 300)
                    + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
            String input = b64(header) + "." + b64(claims);
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key);
                rsa.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String b64(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
