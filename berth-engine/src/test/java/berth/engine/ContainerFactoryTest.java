package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.Ids;
import berth.engine.model.ContainerConfig;
import berth.engine.model.HostConfig;
import berth.engine.model.Status;
import berth.image.Image;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerFactoryTest {
    private static final Image.ImageConfig IMAGE_CONFIG = new Image.ImageConfig("", List.of("PATH=/bin", "A=image"),
            List.of("sh"), List.of(), "/work", Map.of("from", "image"), List.of(), List.of(), "", List.of());
    private static final Image IMAGE = new Image("sha256:" + "a".repeat(64), List.of("busybox:latest"), List.of(),
            "", "", Instant.now(), "", "amd64", "linux", 1, IMAGE_CONFIG, List.of());

    private static ContainerConfig request(List<String> cmd, List<String> entrypoint, List<String> env) {
        return new ContainerConfig(null, null, null, false, true, true, null, false, false, false, env, cmd,
                "busybox", null, null, entrypoint, Map.of("from", "client"), null, null, null);
    }

    /** A plain container for tests of other parts. */
    static Container container() {
        return ContainerFactory.create(Ids.newId(), "c1", request(List.of("true"), null, null), HostConfig.defaults(), IMAGE);
    }

    @Test
    void imageVolumesAreMergedIntoTheConfig() {
        var image = new Image(IMAGE.id(), IMAGE.repoTags(), IMAGE.repoDigests(), "", "", Instant.now(), "", "amd64",
                "linux", 1, new Image.ImageConfig("", List.of(), List.of("sh"), List.of(), "", Map.of(), List.of(),
                List.of("/data"), "", List.of()), List.of());
        Container c = ContainerFactory.create(Ids.newId(), "n", request(null, null, null), HostConfig.defaults(), image);
        assertThat(c.config().volumes()).containsOnlyKeys("/data");
    }

    @Test
    void imageFillsWhatTheClientLeftOut() {
        String id = Ids.newId();
        Container c = ContainerFactory.create(id, "n1", request(null, null, List.of("A=client")), HostConfig.defaults(), IMAGE);
        assertThat(c.path()).isEqualTo("sh");
        assertThat(c.args()).isEmpty();
        assertThat(c.config().env()).containsExactly("PATH=/bin", "A=client");
        assertThat(c.config().workingDir()).isEqualTo("/work");
        assertThat(c.config().hostname()).isEqualTo(id.substring(0, 12));
        assertThat(c.config().labels()).containsEntry("from", "client");
        assertThat(c.status()).isEqualTo(Status.CREATED);
    }

    @Test
    void clientEntrypointDropsTheImageCmd() {
        Container c = ContainerFactory.create(Ids.newId(), "n2", request(null, List.of("echo"), null), HostConfig.defaults(), IMAGE);
        assertThat(c.path()).isEqualTo("echo");
        assertThat(c.args()).isEmpty();
    }

    @Test
    void emptyEntrypointAndNoCmdIsRefused() {
        var noCmd = new Image(IMAGE.id(), List.of(), List.of(), "", "", Instant.now(), "", "amd64", "linux", 1,
                Image.ImageConfig.empty(), List.of());
        assertThatThrownBy(() -> ContainerFactory.create(Ids.newId(), "n3", request(null, List.of(""), null),
                HostConfig.defaults(), noCmd)).hasMessage("No command specified");
    }

    @Test
    void statusSentencesReadLikeDockers() {
        Container c = ContainerFactory.create(Ids.newId(), "n4", request(List.of("true"), null, null), HostConfig.defaults(), IMAGE);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Views.statusText(c, t0)).isEqualTo("Created");
        Container up = c.started(42, t0);
        assertThat(Views.statusText(up, t0.plusSeconds(3))).isEqualTo("Up 3 seconds");
        assertThat(Views.statusText(up.withStatus(Status.PAUSED), t0.plusSeconds(90))).isEqualTo("Up About a minute (Paused)");
        Container down = up.exited(3, t0.plus(Duration.ofMinutes(2)));
        assertThat(Views.statusText(down, t0.plus(Duration.ofMinutes(7)))).isEqualTo("Exited (3) 5 minutes ago");
    }

    @Test
    void pruneFiltersHonourLabelsAndUntil() {
        Container c = ContainerFactory.create(Ids.newId(), "n5", request(List.of("true"), null, null), HostConfig.defaults(), IMAGE);
        assertThat(Filters.matchesPrune(c, Map.of("label", List.of("from=client")))).isTrue();
        assertThat(Filters.matchesPrune(c, Map.of("label", List.of("from=image")))).isFalse();
        assertThat(Filters.matchesPrune(c, Map.of("until", List.of("1h")))).isFalse();
        assertThat(Filters.matchesPrune(c, Map.of("label!", List.of("from")))).isFalse();
    }
}
