package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SecurityOptionsTest {
    @TempDir Path dir;

    private static JsonNode hostConfig(String... args) throws Exception {
        Session s = RunOptionsTest.session(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        RunCommand run = new RunCommand(s);
        new CommandLine(run).setStopAtPositional(true).parseArgs(args);
        return Json.docker().readTree(Json.docker().writeValueAsString(CreateBody.of(run.options.spec(run.detach, s))))
                .get("HostConfig");
    }

    @Test
    void plainRunSendsNoSecurityFields() throws Exception {
        assertThat(hostConfig("busybox").toString()).isEqualTo("{\"NetworkMode\":\"default\",\"AutoRemove\":false}");
    }

    @Test
    void flagsLandAsDockerSendsThem() throws Exception {
        JsonNode host = hostConfig("--privileged", "--cap-add", "net_admin", "--cap-add", "CAP_SYS_TIME",
                "--cap-drop", "chown", "--security-opt", "no-new-privileges", "--group-add", "audio",
                "--group-add", "1234", "--device", "/dev/null:/dev/mynull:rw", "--device", "/dev/zero", "busybox");
        assertThat(host.get("Privileged").asBoolean()).isTrue();
        assertThat(host.get("CapAdd").toString()).isEqualTo("[\"CAP_NET_ADMIN\",\"CAP_SYS_TIME\"]");
        assertThat(host.get("CapDrop").toString()).isEqualTo("[\"CAP_CHOWN\"]");
        assertThat(host.get("SecurityOpt").toString()).isEqualTo("[\"no-new-privileges\"]");
        assertThat(host.get("GroupAdd").toString()).isEqualTo("[\"audio\",\"1234\"]");
        assertThat(host.get("Devices").toString()).isEqualTo("[{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/mynull\","
                + "\"CgroupPermissions\":\"rw\"},{\"PathOnHost\":\"/dev/zero\",\"PathInContainer\":\"/dev/zero\",\"CgroupPermissions\":\"rwm\"}]");
    }

    @Test
    void capabilityRulesAsDockers() {
        assertThat(SecurityOptions.effective(List.of("all", "NET_ADMIN"), List.of("chown")))
                .containsExactly(List.of("ALL"), List.of("CAP_CHOWN"));
        assertThat(SecurityOptions.effective(List.of("chown"), List.of("CHOWN", "KILL")))
                .containsExactly(List.of("CAP_CHOWN"), List.of("CAP_KILL"));
    }

    @Test
    void aSeccompProfileIsSentAsItsCompactedContent() throws Exception {
        Path profile = dir.resolve("p.json");
        Files.writeString(profile, "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"syscalls\": []\n}\n");
        assertThat(SecurityOptions.securityOpts(List.of("seccomp=" + profile, "seccomp=unconfined", "no-new-privileges=true")))
                .containsExactly("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[]}", "seccomp=unconfined",
                        "no-new-privileges=true");
        assertThatThrownBy(() -> SecurityOptions.securityOpts(List.of("seccomp=" + dir.resolve("none.json"))))
                .hasMessage("opening seccomp profile (" + dir.resolve("none.json") + ") failed: open "
                        + dir.resolve("none.json") + ": no such file or directory");
        assertThatThrownBy(() -> SecurityOptions.securityOpts(List.of("foo"))).hasMessage("invalid --security-opt: \"foo\"");
    }

    @Test
    void devicesAreCheckedAsDockerChecksThem() {
        assertThat(SecurityOptions.device("/dev/sda:rw")).isEqualTo(new SecurityOptions.Device("/dev/sda", "/dev/sda", "rw"));
        assertThatThrownBy(() -> SecurityOptions.device("/dev/a:/dev/b:xyz")).hasMessageContaining("bad mode specified: xyz");
        assertThatThrownBy(() -> SecurityOptions.device("/dev/a:rel")).hasMessageContaining("rel is not an absolute path");
        assertThatThrownBy(() -> SecurityOptions.device(":/dev/b")).hasMessageContaining("bad format for path: :/dev/b");
    }

    @Test
    void unconfinedSystemPathsAreSentAsEmptyLists() throws Exception {
        JsonNode host = hostConfig("--security-opt", "systempaths=unconfined", "--security-opt", "no-new-privileges", "busybox");
        assertThat(host.get("MaskedPaths").toString()).isEqualTo("[]");
        assertThat(host.get("ReadonlyPaths").toString()).isEqualTo("[]");
        assertThat(host.get("SecurityOpt").toString()).isEqualTo("[\"no-new-privileges\"]");
    }
}
