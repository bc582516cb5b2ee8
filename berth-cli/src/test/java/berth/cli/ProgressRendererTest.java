package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.cli.JsonMessage.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Message streams recorded from dockerd 20.10 (pull-one-layer, push-mounted) or written by hand, and what the
 * docker CLI 28.2.2 printed for each (the .out/.err files): piped, and on a terminal 0, 80 and 130 columns
 * wide (through script(1), with onlcr off so the bytes are docker's own).
 */
class ProgressRendererTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
        "pull-one-layer, pipe", "pull-one-layer, tty0", "pull-one-layer, tty80", "pull-one-layer, tty130",
        "pull-two-layers, pipe", "pull-two-layers, tty0", "pull-two-layers, tty80", "pull-two-layers, tty130",
        "push-mounted, pipe", "push-mounted, tty130", "pull-units, pipe", "pull-units, tty0", "pull-units, tty80", "pull-units, tty130",
        "push-mounted, tty0", "push-mounted, tty80"})
    void rendersAsDockersCli(String stream, String mode) throws IOException {
        String expected = resource(stream + "." + mode + ".out");
        if (stream.startsWith("pull")) {
            expected = expected.substring(0, expected.lastIndexOf("127.0.0.1:5000/test/app:2\n")); // pull's own line
        }
        assertThat(render(stream, mode, new ArrayList<>())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"pipe", "tty130"})
    void anErrorEndsTheStreamWithItsMessageAfterWhatCameBefore(String mode) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> renderer(out, mode).render(stream("push-error"), aux -> {}))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.getMessage() + "\n").isEqualTo(resourceUnchecked("push-error." + mode + ".err"));
                });
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(resource("push-error." + mode + ".out"));
    }

    @Test
    void auxMessagesGoToTheCallbackNotTheScreen() throws IOException {
        List<String> aux = new ArrayList<>();
        render("push-mounted", "pipe", aux);
        assertThat(aux).containsExactly(
                "{\"Tag\":\"latest\",\"Digest\":\"sha256:9977253245103c943225bb272e8f0afa5a802fbedfff870a6e56e25b95b7295e\",\"Size\":527}");
    }

    @Test
    void anUnauthorizedErrorSaysAuthenticationIsRequired() {
        String stream = "{\"errorDetail\":{\"code\":401,\"message\":\"unauthorized: who are you\"},\"error\":\"x\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> renderer(out, "pipe").render(
                new java.io.ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), aux -> {}))
                .hasMessage("authentication is required");
    }

    @Test
    void timeLeftFromTheStartOnTerminalsWiderThanFifty() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        Progress third = new Progress(1_000_000, 3_000_000, now.getEpochSecond() - 10, "", false);
        assertThat(ProgressText.of(third, 80, now)).isEqualTo("     1MB/3MB 20s");
        assertThat(ProgressText.of(third, 50, now)).isEqualTo("     1MB/3MB");
        assertThat(ProgressText.of(third, 111, now)).startsWith("[================>").endsWith("]      1MB/3MB 20s");
        Progress done = new Progress(3_000_000, 3_000_000, now.getEpochSecond() - 10, "", false);
        assertThat(ProgressText.of(done, 80, now)).isEqualTo("     3MB/3MB");
    }

    @Test
    void goDurations() {
        assertThat(ProgressText.goDuration(0)).isEqualTo("0s");
        assertThat(ProgressText.goDuration(59)).isEqualTo("59s");
        assertThat(ProgressText.goDuration(120)).isEqualTo("2m0s");
        assertThat(ProgressText.goDuration(3605)).isEqualTo("1h0m5s");
    }

    @Test
    void hiddenCountsAndNothingToCount() {
        Instant now = Instant.EPOCH;
        assertThat(ProgressText.of(new Progress(0, 0, 0, "", false), 200, now)).isEmpty();
        assertThat(ProgressText.of(new Progress(5, 10, 0, "", true), 80, now)).isEmpty();
        assertThat(ProgressText.of(new Progress(5, 10, 0, "", true), 200, now))
                .isEqualTo("[=========================>                         ] ");
    }

    private String render(String stream, String mode, List<String> aux) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer(out, mode).render(stream(stream), node -> aux.add(node.toString()));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ProgressRenderer renderer(ByteArrayOutputStream out, String mode) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return mode.equals("pipe") ? new ProgressRenderer(print, false, 0, CLOCK)
                : new ProgressRenderer(print, true, Integer.parseInt(mode.substring(3)), CLOCK);
    }

    private static InputStream stream(String name) {
        return ProgressRendererTest.class.getResourceAsStream("progress/" + name + ".json");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ProgressRendererTest.class.getResourceAsStream("progress/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String resourceUnchecked(String name) {
        try {
            return resource(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
