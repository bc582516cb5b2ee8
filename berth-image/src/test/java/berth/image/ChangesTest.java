package berth.image;

import berth.common.BerthException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangesTest {
    private static Image.ImageConfig config(String... changes) {
        return ImageConfigJson.runConfig(Changes.apply(List.of(changes)));
    }

    @Test
    void jsonAndShellForms() {
        assertThat(config("CMD [\"sh\"]").cmd()).containsExactly("sh");
        assertThat(config("cmd echo hi").cmd()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(config("SHELL [\"/bin/bash\", \"-c\"]", "ENTRYPOINT run it").entrypoint())
                .containsExactly("/bin/bash", "-c", "run it");
        assertThat(config("CMD [not json]").cmd()).containsExactly("/bin/sh", "-c", "[not json]");
    }

    @Test
    void envReplacesEarlierValues() {
        assertThat(config("ENV A=1", "ENV A=2 B=x\\ y").env()).containsExactly("A=2", "B=x y");
    }

    @Test
    void labelsPortsVolumesAndOthers() {
        var c = config("LABEL a=1 \"b c\"=2", "EXPOSE 8080/UDP", "VOLUME [\"/v1\", \"/v2\"]", "USER 1000:1000",
                "STOPSIGNAL 9", "ONBUILD RUN x");
        assertThat(c.labels()).containsEntry("a", "1").containsEntry("b c", "2");
        assertThat(c.exposedPorts()).containsExactly("8080/udp");
        assertThat(c.volumes()).containsExactly("/v1", "/v2");
        assertThat(c.user()).isEqualTo("1000:1000");
        assertThat(c.stopSignal()).isEqualTo("9");
    }

    @Test
    void refusesWhatDockerRefuses() {
        assertThatThrownBy(() -> config("RUN rm -rf /")).isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessage("run is not a valid change command");
        assertThatThrownBy(() -> config("EXPOSE http")).isInstanceOf(BerthException.InvalidArgument.class);
        assertThatThrownBy(() -> config("ENV")).isInstanceOf(BerthException.InvalidArgument.class);
    }

    @Test
    void changesApplyOnTopOfAConfigAndEntrypointAloneClearsCmd() {
        var base = ImageConfigJson.toJson(new Image.ImageConfig("app", List.of("A=1"), List.of("serve"), List.of(),
                "/srv", java.util.Map.of("k", "v"), List.of("80/tcp"), List.of(), "", List.of()));
        var kept = ImageConfigJson.runConfig(Changes.apply(base.deepCopy(), List.of("ENV B=2")));
        assertThat(kept.cmd()).containsExactly("serve");
        assertThat(kept.env()).containsExactly("A=1", "B=2");
        assertThat(kept.user()).isEqualTo("app");
        assertThat(kept.exposedPorts()).containsExactly("80/tcp");
        var entry = ImageConfigJson.runConfig(Changes.apply(base.deepCopy(), List.of("ENTRYPOINT [\"run\"]")));
        assertThat(entry.entrypoint()).containsExactly("run");
        assertThat(entry.cmd()).isEmpty();
        var both = ImageConfigJson.runConfig(Changes.apply(base.deepCopy(), List.of("CMD [\"x\"]", "ENTRYPOINT [\"run\"]")));
        assertThat(both.cmd()).containsExactly("x");
    }
}
