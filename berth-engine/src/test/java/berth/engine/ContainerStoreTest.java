package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.Ids;
import berth.engine.model.ContainerConfig;
import berth.engine.model.HostConfig;
import berth.image.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerStoreTest {

    @Test
    void containersSurviveReopeningTheStore(@TempDir Path dir) {
        var image = new Image("sha256:" + "b".repeat(64), List.of(), List.of(), "", "", Instant.now(), "", "amd64",
                "linux", 0, Image.ImageConfig.empty(), List.of());
        var cfg = new ContainerConfig("h", "", "", false, true, true, null, false, false, false, List.of("A=1"),
                List.of("echo", "hi"), "busybox", null, "", null, Map.of("k", "v"), "", 7, null);
        Container c = ContainerFactory.create(Ids.newId(), "keep", cfg, HostConfig.defaults(), image)
                .started(99, Instant.parse("2026-11-22T10:00:00.123456789Z"));
        try (var store = ContainerStore.open(dir.resolve("c.db"))) {
            store.put(c);
            store.put(c.withName("renamed"));
        }
        try (var store = ContainerStore.open(dir.resolve("c.db"))) {
            assertThat(store.loadAll()).containsExactly(c.withName("renamed"));
            store.delete(c.id());
            assertThat(store.loadAll()).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("c.db"))).isTrue();
    }
}
