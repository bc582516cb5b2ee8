package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import berth.engine.model.ContainerConfig;
import berth.engine.model.HostConfig;
import berth.engine.model.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docker commit's merge of the request's config over the container's. */
class CommitConfigTest {
    private static final Container CONTAINER = container(new ContainerConfig("h", "", "app", false, true, true,
            Map.of("80/tcp", Map.of()), false, false, false, List.of("PATH=/bin", "A=1"), List.of("serve"), "busybox",
            null, "/srv", List.of("/entry"), Map.of("k", "v"), "SIGTERM", null, null));

    private static Container container(ContainerConfig config) {
        return new Container("c".repeat(64), "n", Instant.EPOCH, "/entry", List.of("serve"), config,
                HostConfig.defaults(), "sha256:" + "a".repeat(64), Status.EXITED, 0, 0, "", Instant.EPOCH, Instant.EPOCH, 0, List.of(), false, null, false);
    }

    private static ContainerConfig request(List<String> cmd, List<String> entrypoint, List<String> env, Map<String, String> labels) {
        return new ContainerConfig(null, null, null, false, false, false, Map.of("443/tcp", Map.of()), false, false, false,
                env, cmd, null, null, null, entrypoint, labels, null, null, null);
    }

    @Test
    void withoutARequestTheContainersConfigIsTheImages() {
        var c = CommitConfig.of(CONTAINER, Optional.empty(), List.of("/bin/sh", "-c"));
        assertThat(c.user()).isEqualTo("app");
        assertThat(c.cmd()).containsExactly("serve");
        assertThat(c.entrypoint()).containsExactly("/entry");
        assertThat(c.env()).containsExactly("PATH=/bin", "A=1");
        assertThat(c.exposedPorts()).containsExactly("80/tcp");
        assertThat(c.workingDir()).isEqualTo("/srv");
        assertThat(c.stopSignal()).isEqualTo("SIGTERM");
        assertThat(c.shell()).containsExactly("/bin/sh", "-c");
    }

    @Test
    void requestValuesWinAndMapsMergeByKey() {
        var c = CommitConfig.of(CONTAINER, Optional.of(request(List.of("x"), null, List.of("A=2", "B=3"), Map.of("k2", "v2"))),
                List.of());
        assertThat(c.cmd()).containsExactly("x");
        assertThat(c.entrypoint()).isEmpty(); // a Cmd given without an Entrypoint drops the container's
        assertThat(c.env()).containsExactly("PATH=/bin", "A=2", "B=3");
        assertThat(c.labels()).containsEntry("k", "v").containsEntry("k2", "v2");
        assertThat(c.exposedPorts()).containsExactlyInAnyOrder("80/tcp", "443/tcp");
        assertThat(c.user()).isEqualTo("app");
    }

    @Test
    void aRequestWithoutCommandKeepsTheContainers() {
        var c = CommitConfig.of(CONTAINER, Optional.of(request(null, null, null, null)), List.of());
        assertThat(c.cmd()).containsExactly("serve");
        assertThat(c.entrypoint()).containsExactly("/entry");
        assertThat(c.env()).containsExactly("PATH=/bin", "A=1");
    }
}
