package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pull, push, login and logout against a scripted daemon, with a real config.json in a temp dir and the fake
 * credential helper of the test resources (a shell script keeping credentials in files): real files, no mocks.
 */
class RegistryVerbsTest {
    private static final String SECRET = "s3cr3t-pw";

    @TempDir Path dir;
    Path config;
    Path helpers;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        config = dir.resolve("docker-config");
        helpers = Files.createDirectories(dir.resolve("bin"));
        try (InputStream in = getClass().getResourceAsStream("docker-credential-fake")) {
            Path helper = helpers.resolve("docker-credential-fake");
            Files.write(helper, in.readAllBytes());
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        env.put("DOCKER_CONFIG", config.toString());
        env.put("PATH", helpers + ":/usr/bin:/bin");
        env.put("FAKE_CREDS_DIR", dir.resolve("helper-store").toString());
    }

    private int berth(ScriptedDaemon d, String stdin, String... args) {
        return d.berth(new Session(new PrintStream(out, true), new PrintStream(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, Clock.systemUTC()), args);
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }

    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    /** A daemon whose /auth accepts alice with SECRET, and whose pull and push answer with recorded streams. */
    private ScriptedDaemon daemon() throws IOException {
        return new ScriptedDaemon(dir, (line, body, o) -> {
            if (line.startsWith("GET /_ping")) {
                ScriptedDaemon.reply(o, 200, "OK");
            } else if (line.contains("/auth")) {
                JsonNode creds = Json.docker().readTree(body);
                boolean ok = creds.path("username").asText().equals("alice") && creds.path("password").asText().equals(SECRET);
                ScriptedDaemon.reply(o, ok ? 200 : 401, ok ? "{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"\"}"
                        : "{\"message\":\"login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized\"}");
            } else if (line.contains("/images/create")) {
                stream(o, "pull-one-layer");
            } else if (line.contains("/push")) {
                stream(o, "push-mounted");
            }
        });
    }

    private static void stream(OutputStream o, String name) throws IOException {
        try (InputStream in = RegistryVerbsTest.class.getResourceAsStream("progress/" + name + ".json")) {
            ScriptedDaemon.reply(o, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String authHeader(ScriptedDaemon d, int request) {
        return new String(Base64.getUrlDecoder().decode(d.headers.get(request).get("x-registry-auth")), StandardCharsets.UTF_8);
    }

    @Test
    void pullSendsDockersQueryAndNoCredentialsAsAnEmptyObject() throws Exception {
        try (var d = daemon()) {
            assertThat(berth(d, "", "pull", "127.0.0.1:5000/test/busybox")).isZero();
            assertThat(d.requests).contains("POST /v1.47/images/create?fromImage=127.0.0.1%3A5000%2Ftest%2Fbusybox&tag=latest");
            assertThat(d.headers.getFirst().get("x-registry-auth")).isEqualTo("e30=");
            assertThat(stdout()).startsWith("Using default tag: latest\n1: Pulling from test/busybox\n")
                    .endsWith("Status: Downloaded newer image for 127.0.0.1:40607/test/busybox:1\n127.0.0.1:5000/test/busybox:latest\n");
        }
    }

    @Test
    void pullQuietPrintsOnlyTheReferenceAndSendsPlatformAndDigest() throws Exception {
        String digest = "sha256:" + "ab".repeat(32);
        try (var d = daemon()) {
            assertThat(berth(d, "", "pull", "-q", "--platform", "Linux/AMD64", "busybox@" + digest)).isZero();
            assertThat(stdout()).isEqualTo("docker.io/library/busybox@" + digest + "\n");
            assertThat(d.requests).contains("POST /v1.47/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag="
                    + digest.replace(":", "%3A") + "&platform=linux%2Famd64");
        }
    }

    @Test
    void pullAllTagsSendsNoTagAndRefusesATag() throws Exception {
        try (var d = daemon()) {
            assertThat(berth(d, "", "pull", "-a", "localhost:5000/app")).isZero();
            assertThat(d.requests).contains("POST /v1.47/images/create?fromImage=localhost%3A5000%2Fapp");
            assertThat(stdout()).endsWith("\nlocalhost:5000/app\n");
            assertThat(berth(d, "", "pull", "-a", "localhost:5000/app:1")).isEqualTo(1);
            assertThat(stderr()).isEqualTo("tag can't be used with --all-tags/-a\n");
        }
    }

    @Test
    void loginStoresInConfigJsonAsDockerDoesKeepingOtherKeys() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{\"psFormat\":\"table {{.ID}}\",\"auths\":{\"other:1\":{\"auth\":\"eDp5\"}}}");
        try (var d = daemon()) {
            assertThat(berth(d, SECRET + "\n", "login", "-u", "alice", "--password-stdin", "http://127.0.0.1:5000/v2/")).isZero();
            assertThat(stdout()).isEqualTo("Login Succeeded\n");
            assertThat(stderr()).isEqualTo("\nWARNING! Your credentials are stored unencrypted in '" + config.resolve("config.json")
                    + "'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n");
            JsonNode sent = Json.docker().readTree(d.bodies.getFirst());
            assertThat(sent.path("serveraddress").asText()).isEqualTo("127.0.0.1:5000");
            assertThat(sent.path("password").asText()).isEqualTo(SECRET);
        }
        String saved = Files.readString(config.resolve("config.json"));
        String pair = Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(saved).isEqualTo("{\n\t\"psFormat\": \"table {{.ID}}\",\n\t\"auths\": {\n\t\t\"other:1\": {\n\t\t\t\"auth\": \"eDp5\"\n\t\t},\n"
                + "\t\t\"127.0.0.1:5000\": {\n\t\t\t\"auth\": \"" + pair + "\"\n\t\t}\n\t}\n}");
        assertThat(Files.getPosixFilePermissions(config.resolve("config.json"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(stdout() + stderr()).doesNotContain(SECRET).doesNotContain(pair);
    }

    @Test
    void pullAndPushSendTheStoredCredentials() throws Exception {
        try (var d = daemon()) {
            assertThat(berth(d, SECRET, "login", "-u", "alice", "--password-stdin", "127.0.0.1:5000")).isZero();
            assertThat(berth(d, "", "pull", "127.0.0.1:5000/test/busybox:1")).isZero();
            assertThat(berth(d, "", "push", "127.0.0.1:5000/test/busybox:1")).isZero();
            String expected = "{\"username\":\"alice\",\"password\":\"" + SECRET + "\",\"serveraddress\":\"127.0.0.1:5000\"}";
            assertThat(authHeader(d, 1)).isEqualTo(expected);
            assertThat(authHeader(d, 2)).isEqualTo(expected);
            assertThat(d.requests).contains("POST /v1.47/images/127.0.0.1:5000/test/busybox/push?tag=1");
            assertThat(stdout()).endsWith("latest: digest: sha256:9977253245103c943225bb272e8f0afa5a802fbedfff870a6e56e25b95b7295e size: 527\n");
        }
    }

    @Test
    void aRefusedLoginSaysWhatTheDaemonSaidAndStoresNothing() throws Exception {
        try (var d = daemon()) {
            assertThat(berth(d, "", "login", "-u", "alice", "-p", "wrong", "127.0.0.1:5000")).isEqualTo(1);
            assertThat(stderr()).isEqualTo("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"
                    + "Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized\n");
        }
        assertThat(config.resolve("config.json")).doesNotExist();
    }

    @Test
    void loginRefusesBadFlagCombinationsAndNoTerminal() throws Exception {
        try (var d = daemon()) {
            assertThat(berth(d, "x", "login", "-u", "alice", "-p", "x", "--password-stdin", "h:1")).isEqualTo(1);
            assertThat(berth(d, "x", "login", "--password-stdin", "h:1")).isEqualTo(1);
            assertThat(berth(d, "", "login", "h:1")).isEqualTo(1);
            assertThat(stderr()).isEqualTo("conflicting options: cannot specify both --password and --password-stdin\n"
                    + "Must provide --username with --password-stdin\n"
                    + "Error: Cannot perform an interactive login from a non TTY device\n");
            assertThat(d.requests).isEmpty();
        }
    }

    @Test
    void loginWithoutNameUsesStoredCredentials() throws Exception {
        try (var d = daemon()) {
            assertThat(berth(d, SECRET, "login", "-u", "alice", "--password-stdin", "127.0.0.1:5000")).isZero();
            out.reset();
            err.reset();
            assertThat(berth(d, "", "login", "127.0.0.1:5000")).isZero();
            assertThat(stdout()).isEqualTo("Authenticating with existing credentials... [Username: alice]\n\n"
                    + " Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\nLogin Succeeded\n");
            assertThat(stderr()).isEmpty(); // unchanged credentials: no second warning
        }
    }

    @Test
    void credsStoreKeepsSecretsInTheHelperAndAnEmptyEntryInTheFile() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{\"credsStore\":\"fake\"}");
        try (var d = daemon()) {
            assertThat(berth(d, SECRET, "login", "-u", "alice", "--password-stdin", "127.0.0.1:5000")).isZero();
            assertThat(stderr()).isEmpty();
            assertThat(Files.readString(config.resolve("config.json")))
                    .isEqualTo("{\n\t\"credsStore\": \"fake\",\n\t\"auths\": {\n\t\t\"127.0.0.1:5000\": {}\n\t}\n}");
            assertThat(berth(d, "", "pull", "127.0.0.1:5000/x:1")).isZero();
            assertThat(authHeader(d, 1)).contains("\"password\":\"" + SECRET + "\"");
            assertThat(berth(d, "", "logout", "127.0.0.1:5000")).isZero();
            assertThat(berth(d, "", "pull", "127.0.0.1:5000/x:1")).isZero();
            assertThat(authHeader(d, 2)).isEqualTo("{}");
        }
        assertThat(Files.readString(dir.resolve("helper-store/calls")).lines())
                .containsExactly("store", "get", "erase", "erase", "erase", "get");
        assertThat(Files.readString(config.resolve("config.json"))).doesNotContain("127.0.0.1:5000");
        assertThat(stdout()).contains("Removing login credentials for 127.0.0.1:5000\n").doesNotContain(SECRET);
    }

    @Test
    void credHelpersOverrideTheStoreForTheirRegistryOnly() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{\"credHelpers\":{\"helped:5000\":\"fake\"}}");
        try (var d = daemon()) {
            assertThat(berth(d, SECRET, "login", "-u", "alice", "--password-stdin", "helped:5000")).isZero();
            assertThat(berth(d, SECRET, "login", "-u", "alice", "--password-stdin", "plain:5000")).isZero();
        }
        String saved = Files.readString(config.resolve("config.json"));
        assertThat(saved).contains("\"helped:5000\": {}").contains("\"plain:5000\": {\n\t\t\t\"auth\"");
        assertThat(Files.readString(dir.resolve("helper-store/calls")).lines()).containsExactly("store");
    }

    @Test
    void logoutRemovesEveryFormOfTheServerAndSaysSoEvenWhenAbsent() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"),
                "{\"auths\":{\"http://h:5000\":{\"auth\":\"YTpi\"},\"h:5000\":{\"auth\":\"YTpi\"},\"k:1\":{\"auth\":\"YTpi\"}}}");
        try (var d = daemon()) {
            assertThat(berth(d, "", "logout", "h:5000")).isZero();
            assertThat(berth(d, "", "logout", "h:5000")).isZero();
            assertThat(berth(d, "", "logout")).isZero();
        }
        assertThat(stdout()).isEqualTo("Removing login credentials for h:5000\nRemoving login credentials for h:5000\n"
                + "Removing login credentials for https://index.docker.io/v1/\n");
        assertThat(stderr()).isEmpty();
        assertThat(Files.readString(config.resolve("config.json"))).isEqualTo(
                "{\n\t\"auths\": {\n\t\t\"k:1\": {\n\t\t\t\"auth\": \"YTpi\"\n\t\t}\n\t}\n}");
    }

    @Test
    void a401AsksForCredentialsAsDockerDoesButNeverWithoutATerminal() throws Exception {
        try (var d = new ScriptedDaemon(dir, (line, body, o) -> {
            if (line.startsWith("GET /_ping")) ScriptedDaemon.reply(o, 200, "OK");
            else ScriptedDaemon.reply(o, 401, "{\"message\":\"unauthorized: authentication required\"}");
        })) {
            assertThat(berth(d, "", "pull", "127.0.0.1:5000/x:1")).isEqualTo(1);
            assertThat(stdout()).isEqualTo("\nLogin prior to pull:\n");
            assertThat(stderr()).isEqualTo("Error: Cannot perform an interactive login from a non TTY device\n");
            assertThat(d.requests).containsExactly("GET /_ping", "POST /v1.47/images/create?fromImage=127.0.0.1%3A5000%2Fx&tag=1");
        }
    }

    @Test
    void aMissingHelperIsAClearError() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{\"credsStore\":\"absent\"}");
        try (var d = daemon()) {
            assertThat(berth(d, "", "pull", "127.0.0.1:5000/x:1")).isEqualTo(1);
            assertThat(stderr()).isEqualTo("error getting credentials - err: exec: \"docker-credential-absent\": "
                    + "executable file not found in $PATH, out: ``\n");
        }
    }
}
