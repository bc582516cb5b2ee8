package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.IdMapping;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamespaceSpecTest {
    @TempDir Path dir;

    private JsonNode written(Optional<IdMapping> mapping) throws Exception {
        var userns = mapping.map(m -> new BundleSpec.UserNamespace(m, Path.of("/run/berth/userns")));
        var process = new ProcessSpec(List.of("sh"), List.of(), "", "", false, false, false, false);
        var spec = new BundleSpec("abc123", Path.of("/r/merged"), Path.of("/l/log"), process, "abc123", "",
                BundleSpec.NetworkMode.NONE, List.of(), false, "/berth", Map.of(), SecuritySpec.DEFAULT,
                ContainerResources.NONE, userns);
        Path file = dir.resolve("config.json");
        OciSpecWriter.write(file, OciSpecWriter.spec(spec, new ResolvedUser(0, 0, List.of())));
        return Json.oci().readTree(file.toFile());
    }

    @Test
    void remappedContainersGetAUserNamespaceAndTheMaps() throws Exception {
        var mapping = new IdMapping(IdMapping.stack(List.of(new long[] {100000, 65536}, new long[] {300000, 10})),
                IdMapping.stack(List.of(new long[] {200000, 65536})));
        JsonNode linux = written(Optional.of(mapping)).path("linux");
        assertThat(linux.path("namespaces").findValuesAsText("type")).contains("user", "mount", "network");
        assertThat(linux.path("namespaces").toString()).contains("{\"type\":\"user\",\"path\":\"/run/berth/userns\"}");
        assertThat(linux.path("uidMappings").toString()).isEqualTo(
                "[{\"containerID\":0,\"hostID\":100000,\"size\":65536},{\"containerID\":65536,\"hostID\":300000,\"size\":10}]");
        assertThat(linux.path("gidMappings").toString()).isEqualTo("[{\"containerID\":0,\"hostID\":200000,\"size\":65536}]");
        JsonNode sys = StreamSupport.stream(written(Optional.of(mapping)).path("mounts").spliterator(), false)
                .filter(m -> m.path("destination").asText().equals("/sys")).findFirst().orElseThrow();
        assertThat(sys.path("type").asText()).isEqualTo("bind");
        assertThat(sys.path("source").asText()).isEqualTo("/sys");
        assertThat(sys.path("options").toString()).contains("rbind", "ro");
        assertThat(mapping.rootUid()).isEqualTo(100000);
        assertThat(mapping.dirName()).isEqualTo("100000.200000");
    }

    @Test
    void othersStayInTheHostsUserNamespace() throws Exception {
        JsonNode linux = written(Optional.empty()).path("linux");
        assertThat(linux.path("namespaces").findValuesAsText("type")).doesNotContain("user");
        assertThat(linux.has("uidMappings")).isFalse();
        assertThat(linux.has("gidMappings")).isFalse();
        assertThat(written(Optional.empty()).path("mounts").toString()).contains("\"type\":\"sysfs\"");
    }
}
