package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json's resources, rlimits and /dev/shm from a bundle's {@link ContainerResources}; the update document. */
class ResourcesSpecTest {
    @TempDir Path dir;

    private JsonNode written(ContainerResources resources) throws Exception {
        var process = new ProcessSpec(List.of("sh"), List.of(), "", "", false, false, false, false);
        var spec = new BundleSpec("abc123", Path.of("/r/merged"), Path.of("/l/log"), process, "abc123", "",
                BundleSpec.NetworkMode.NONE, List.of(), false, "/berth", Map.of(), resources);
        Path file = dir.resolve("config.json");
        OciSpecWriter.write(file, OciSpecWriter.spec(spec, new ResolvedUser(0, 0, List.of())));
        return Json.oci().readTree(file.toFile());
    }

    private static ResourceLimits limits(long memory, long swap, long quota, long pids) {
        return new ResourceLimits(memory, swap, 32L << 20, 10, true, 512, quota == 0 ? 0 : 100_000, quota, "0-1", "0",
                pids, 300);
    }

    @Test
    void everyLimitGivenIsWrittenWithOciNames() throws Exception {
        var resources = new ContainerResources(limits(64L << 20, 128L << 20, 150_000, 50), List.of(), 0, 0);
        JsonNode r = written(resources).at("/linux/resources");
        assertThat(r.get("memory").toString()).isEqualTo(
                "{\"limit\":67108864,\"reservation\":33554432,\"swap\":134217728,\"swappiness\":10,\"disableOOMKiller\":true}");
        assertThat(r.get("cpu").toString()).isEqualTo(
                "{\"shares\":512,\"quota\":150000,\"period\":100000,\"cpus\":\"0-1\",\"mems\":\"0\"}");
        assertThat(r.at("/pids/limit").asLong()).isEqualTo(50);
        assertThat(r.at("/blockIO/weight").asInt()).isEqualTo(300);
        assertThat(r.get("devices").isArray()).isTrue(); // the device rules stay
    }

    @Test
    void nothingGivenWritesNoSectionsAndDockersShmSize() throws Exception {
        JsonNode spec = written(ContainerResources.NONE);
        JsonNode r = spec.at("/linux/resources");
        assertThat(r.has("memory") || r.has("cpu") || r.has("pids") || r.has("blockIO")).isFalse();
        assertThat(spec.at("/process").has("rlimits")).isFalse();
        assertThat(spec.at("/process").has("oomScoreAdj")).isFalse();
        assertThat(shmOptions(spec)).contains("size=67108864");
    }

    @Test
    void rlimitsOomScoreAndShmSize() throws Exception {
        var resources = new ContainerResources(ResourceLimits.NONE,
                List.of(new ContainerResources.Rlimit("nofile", 1024, 2048), new ContainerResources.Rlimit("nproc", 10, 10)),
                128L << 20, 500);
        JsonNode spec = written(resources);
        assertThat(spec.at("/process/rlimits").toString()).isEqualTo(
                "[{\"type\":\"RLIMIT_NOFILE\",\"hard\":2048,\"soft\":1024},{\"type\":\"RLIMIT_NPROC\",\"hard\":10,\"soft\":10}]");
        assertThat(spec.at("/process/oomScoreAdj").asInt()).isEqualTo(500);
        assertThat(shmOptions(spec)).contains("size=134217728");
    }

    @Test
    void unlimitedSwapAndPidsAreMinusOne() throws Exception {
        var unlimited = new ContainerResources(limits(64L << 20, -1, 0, -1), List.of(), 0, 0);
        JsonNode r = written(unlimited).at("/linux/resources");
        assertThat(r.at("/memory/swap").asLong()).isEqualTo(-1);
        assertThat(r.at("/pids/limit").asLong()).isEqualTo(-1);
        assertThat(r.get("cpu").has("quota")).isFalse();
    }

    @Test
    void theUpdateDocumentHasNoDevices() throws Exception {
        Path file = dir.resolve("update.json");
        OciSpecWriter.write(file, OciResources.update(limits(256L << 20, 512L << 20, 50_000, 80)));
        JsonNode r = Json.oci().readTree(Files.readString(file));
        assertThat(r.has("devices")).isFalse();
        assertThat(r.at("/memory/limit").asLong()).isEqualTo(256L << 20);
        assertThat(r.at("/cpu/quota").asLong()).isEqualTo(50_000);
        assertThat(r.at("/pids/limit").asLong()).isEqualTo(80);
    }

    @Test
    void nanoCpusAreAQuotaOverAHundredMilliseconds() {
        assertThat(ResourceLimits.quotaForNanoCpus(1_500_000_000L)).isEqualTo(150_000);
        assertThat(ResourceLimits.quotaForNanoCpus(10_000_000L)).isEqualTo(1_000);
    }

    @Test
    void daemonLimitsComeFromProcSelf() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max processes             95000                95000                processes
                Max open files            1024                 20000                files
                """;
        var without = DaemonRlimits.parse(limits, "Name:\tx\nCapEff:\t000001fffeffffff\n");
        assertThat(without.ceiling("nofile")).hasValue(20000);
        assertThat(without.ceiling("nproc")).hasValue(95000);
        assertThat(without.ceiling("cpu")).isEmpty();
        var with = DaemonRlimits.parse(limits, "CapEff:\t000001ffffffffff\n");
        assertThat(with.canRaise()).isTrue();
        assertThat(with.ceiling("nofile")).isEmpty();
        assertThat(DaemonRlimits.known("nofile")).isTrue();
        assertThat(DaemonRlimits.known("files")).isFalse();
    }

    private static List<String> shmOptions(JsonNode spec) {
        for (JsonNode m : spec.get("mounts"))
            if (m.get("destination").asText().equals("/dev/shm"))
                return java.util.stream.StreamSupport.stream(m.get("options").spliterator(), false).map(JsonNode::asText).toList();
        throw new AssertionError("no /dev/shm mount");
    }
}
