package berth.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static berth.registry.FakeRegistry.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryClientTest {
    private static final byte[] BLOB = "hello layer".getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = berth.common.Digest.sha256(BLOB).toString();
    private final FakeRegistry registry;
    private final MutableClock clock = new MutableClock();

    RegistryClientTest() throws IOException {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient client() {
        return RegistryClient.create(RegistryConfig.defaults(), Duration.ofMillis(1), 3, clock, 4);
    }

    private Repository repo(Credentials credentials, RegistryClient.Access access) {
        return client().repository(ImageReference.parse(registry.endpoint() + "/team/app"), credentials, access);
    }

    @Test
    void loopbackRegistriesAreReachedOverHttpAfterHttpsFails() {
        registry.route(ex -> ex.getRequestURI().getPath().equals("/v2/") && ok(ex));
        var client = client();
        client.login(registry.endpoint(), Credentials.anonymous());
        assertThat(client.baseUri(registry.endpoint())).isEqualTo("http://" + registry.endpoint());
    }

    @Test
    void nonLoopbackRegistriesAreHttpsOnly() {
        assertThat(new RegistryConfig(List.of()).isInsecure("registry.example:5000")).isFalse();
        assertThat(new RegistryConfig(List.of("registry.example:5000")).isInsecure("registry.example:5000")).isTrue();
        assertThat(new RegistryConfig(List.of("10.1.0.0/16")).isInsecure("10.1.2.3:5000")).isTrue();
        assertThat(new RegistryConfig(List.of("10.1.0.0/16")).isInsecure("10.2.2.3:5000")).isFalse();
        assertThat(RegistryConfig.defaults().isInsecure("localhost:5000")).isTrue();
        assertThat(RegistryConfig.defaults().isInsecure("127.0.0.2")).isTrue();
        assertThat(RegistryConfig.defaults().isInsecure("[::1]:5000")).isTrue();
    }

    @Test
    void blobIsVerifiedWhileItStreams() throws IOException {
        registry.route(ex -> ex.getRequestURI().getPath().endsWith("/blobs/" + DIGEST) && send(ex, 200, BLOB));
        try (InputStream in = repo(Credentials.anonymous(), RegistryClient.Access.PULL).blob(new Descriptor("", DIGEST, BLOB.length))) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
    }

    @Test
    void blobWithWrongContentIsRefused() {
        registry.route(ex -> ex.getRequestURI().getPath().endsWith("/blobs/" + DIGEST) && send(ex, 200, "evil layer!".getBytes()));
        assertThatThrownBy(() -> {
            try (InputStream in = repo(Credentials.anonymous(), RegistryClient.Access.PULL).blob(new Descriptor("", DIGEST, BLOB.length))) {
                in.readAllBytes();
            }
        }).isInstanceOf(DigestMismatchException.class).hasMessageContaining(DIGEST);
    }

    @Test
    void serverErrorsAreRetriedClientErrorsAreNot() {
        AtomicInteger calls = new AtomicInteger();
        registry.route(ex -> ex.getRequestURI().getPath().endsWith("/manifests/flaky")
                && (calls.incrementAndGet() < 3 ? send(ex, 503, new byte[0]) : manifest(ex)));
        AtomicInteger missing = new AtomicInteger();
        registry.route(ex -> ex.getRequestURI().getPath().endsWith("/manifests/gone") && missing.incrementAndGet() > 0
                && send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes()));
        var repo = repo(Credentials.anonymous(), RegistryClient.Access.PULL);
        assertThat(repo.manifest("flaky").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(calls).hasValue(3);
        assertThatThrownBy(() -> repo.manifest("gone")).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).contains("MANIFEST_UNKNOWN");
            assertThat(e.getMessage()).isEqualTo("manifest unknown: manifest unknown");
        });
        assertThat(missing).hasValue(1);
    }

    @Test
    void basicChallengeIsAnsweredWithTheCredentials() {
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes());
        registry.route(ex -> {
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"registry\"");
                return send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
            }
            return false;
        });
        registry.route(ex -> ex.getRequestURI().getPath().equals("/v2/") && ok(ex));
        client().login(registry.endpoint(), Credentials.basic("alice", "s3cret"));
        assertThatThrownBy(() -> client().login(registry.endpoint(), Credentials.basic("alice", "wrong")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("wrong").doesNotContain("alice");
                });
    }

    @Test
    void bearerTokensAreFetchedPerScopeAndCachedUntilTheyExpire() {
        AtomicInteger tokensIssued = new AtomicInteger();
        AtomicLong lastScopeCount = new AtomicLong();
        String realm = "http://" + registry.endpoint() + "/token";
        registry.route(ex -> {
            if (!ex.getRequestURI().getPath().equals("/token")) return false;
            String query = ex.getRequestURI().getQuery();
            lastScopeCount.set(query.split("scope=").length - 1);
            boolean user = ("Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes()))
                    .equals(ex.getRequestHeaders().getFirst("Authorization"));
            if (!user) return send(ex, 401, "{\"details\":\"bad\"}".getBytes());
            int n = tokensIssued.incrementAndGet();
            return send(ex, 200, ("{\"access_token\":\"tok" + n + "\",\"expires_in\":60}").getBytes());
        });
        registry.route(ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer tok")) {
                ex.getResponseHeaders().set("WWW-Authenticate",
                        "Bearer realm=\"" + realm + "\",service=\"fake\",scope=\"repository:team/app:pull\"");
                return send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
            }
            return ex.getRequestURI().getPath().endsWith("/manifests/1") && manifest(ex);
        });
        var client = client();
        var creds = Credentials.basic("bob", "pw");
        var ref = ImageReference.parse(registry.endpoint() + "/team/app:1");
        client.repository(ref, creds, RegistryClient.Access.PULL).manifest("1");
        client.repository(ref, creds, RegistryClient.Access.PULL).manifest("1");
        assertThat(tokensIssued).hasValue(1);
        assertThat(registry.authorizations.get("/v2/team/app/manifests/1")).isEqualTo("Bearer tok1");
        clock.advance(Duration.ofSeconds(61));
        client.repository(ref, creds, RegistryClient.Access.PULL).manifest("1");
        assertThat(tokensIssued).hasValue(2);
        client.repository(ref, creds, RegistryClient.Access.PUSH, List.of("other/repo")).manifest("1");
        assertThat(tokensIssued).hasValue(3);
        assertThat(lastScopeCount).hasValue(2);
        assertThatThrownBy(() -> client.repository(ref, Credentials.basic("bob", "nope"), RegistryClient.Access.PULL).manifest("1"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401))
                .message().doesNotContain("nope");
    }

    @Test
    void chunkedUploadSendsRangesThenTheDigest() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        registry.route(ex -> {
            String p = ex.getRequestURI().getPath();
            if (ex.getRequestMethod().equals("POST") && p.equals("/v2/team/app/blobs/uploads/")) {
                ex.getResponseHeaders().set("Location", "/upload/1?_state=x");
                return send(ex, 202, new byte[0]);
            }
            if (p.startsWith("/upload/1")) {
                received.writeBytes(ex.getRequestBody().readAllBytes());
                ex.getResponseHeaders().set("Location", "/upload/1?_state=y");
                return send(ex, ex.getRequestMethod().equals("PUT") ? 201 : 202, new byte[0]);
            }
            return false;
        });
        AtomicLong sent = new AtomicLong();
        repo(Credentials.anonymous(), RegistryClient.Access.PUSH)
                .upload(new Descriptor("", DIGEST, BLOB.length), () -> new ByteArrayInputStream(BLOB), sent::set);
        assertThat(received.toByteArray()).isEqualTo(BLOB);
        assertThat(sent).hasValue(BLOB.length);
        assertThat(registry.requests).filteredOn(r -> r.startsWith("PATCH")).hasSize(3); // 11 bytes, chunks of 4
        assertThat(registry.requests).last().asString().startsWith("PUT /upload/1?_state=y&digest=sha256");
    }

    @Test
    void mountAnswersWhetherTheRegistryMounted() {
        registry.route(ex -> ex.getRequestURI().getQuery() != null && ex.getRequestURI().getQuery().contains("from=other")
                && send(ex, 201, new byte[0]));
        registry.route(ex -> ex.getRequestMethod().equals("POST") && send(ex, 202, new byte[0]));
        var repo = repo(Credentials.anonymous(), RegistryClient.Access.PUSH);
        assertThat(repo.mount(DIGEST, "other/app")).isTrue();
        assertThat(repo.mount(DIGEST, "third/app")).isFalse();
    }

    @Test
    void challengeParsing() {
        var c = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"").orElseThrow();
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("realm")).isEqualTo("https://auth.example/token");
        assertThat(c.param("scope")).isEqualTo("repository:a/b:pull,push");
        assertThat(Credentials.fromHeader("e30=").isAnonymous()).isTrue();
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"username\":\"u\",\"password\":\"p\",\"serveraddress\":\"x\"}".getBytes());
        var creds = Credentials.fromHeader(header);
        assertThat(creds.username()).isEqualTo("u");
        assertThat(creds.toString()).doesNotContain("p\"").doesNotContain("=p");
    }

    private static boolean ok(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        return send(ex, 200, "{}".getBytes());
    }

    private static boolean send(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws IOException {
        reply(ex, status, body);
        return true;
    }

    private static boolean manifest(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
        return send(ex, 200, ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"}").getBytes());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
