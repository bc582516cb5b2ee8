package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.Json;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --restart, --init and --health-*: docker's bodies and docker's client-side refusals. */
class LifecycleOptionsTest {
    private static com.fasterxml.jackson.databind.JsonNode body(String... args) throws Exception {
        Session s = RunOptionsTest.session(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        RunCommand run = new RunCommand(s);
        new CommandLine(run).setStopAtPositional(true).parseArgs(args);
        return Json.docker().readTree(Json.docker().writeValueAsString(CreateBody.of(run.options.spec(run.detach, s))));
    }

    @Test
    void restartAndInitGoToHostConfig() throws Exception {
        var host = body("--restart", "on-failure:3", "--init", "busybox").get("HostConfig");
        assertThat(host.get("RestartPolicy").toString()).isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
        assertThat(host.get("Init").asBoolean()).isTrue();
        assertThat(body("busybox").get("HostConfig").has("Init")).isFalse();
    }

    @Test
    void healthFlagsBecomeAHealthcheck() throws Exception {
        var h = body("--health-cmd", "curl -f x", "--health-interval", "1m30s", "--health-timeout", "500ms",
                "--health-retries", "4", "--health-start-period", "2s", "--health-start-interval", "1s", "busybox")
                .get("Healthcheck");
        assertThat(h.toString()).isEqualTo("{\"Test\":[\"CMD-SHELL\",\"curl -f x\"],\"Interval\":90000000000,"
                + "\"Timeout\":500000000,\"StartPeriod\":2000000000,\"StartInterval\":1000000000,\"Retries\":4}");
        assertThat(body("--no-healthcheck", "busybox").get("Healthcheck").get("Test").toString()).isEqualTo("[\"NONE\"]");
        assertThat(body("busybox").has("Healthcheck")).isFalse();
    }

    @Test
    void dockersClientSideRefusals() {
        assertThatThrownBy(() -> body("--restart", "on-failure:x", "busybox"))
                .hasMessageContaining("invalid restart policy format: maximum retry count must be an integer");
        assertThatThrownBy(() -> body("--restart", "always", "--rm", "busybox"))
                .hasMessageContaining("conflicting options: cannot specify both --restart and --rm");
        assertThatThrownBy(() -> body("--no-healthcheck", "--health-cmd", "true", "busybox"))
                .hasMessageContaining("--no-healthcheck conflicts with --health-* options");
        assertThatThrownBy(() -> body("--health-interval", "-1s", "busybox"))
                .hasMessageContaining("--health-interval cannot be negative");
        assertThatThrownBy(() -> body("--health-interval", "1", "busybox"))
                .hasMessageContaining("time: missing unit in duration \"1\"");
    }
}
