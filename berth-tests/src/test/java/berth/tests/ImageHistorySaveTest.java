package berth.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static berth.tests.Containers.run;
import static berth.tests.Containers.uniqueName;
import static berth.tests.Containers.waitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** history and save through docker-java and the raw API, the archive checked by our load and by skopeo. */
@ExtendWith(BerthExtension.class)
class ImageHistorySaveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Commits a container that wrote {@code file}; returns the image ID, tagged {@code repo:v1}. */
    static String commitWithFile(DockerClient client, String repo, String file, Map<String, String> labels) {
        var id = run(client, uniqueName("img"), "sh", "-c", "echo " + repo + " > " + file);
        waitExit(client, id);
        var image = client.commitCmd(id).withRepository(repo).withTag("v1").withLabels(labels)
                .withMessage("made by a test").exec();
        client.removeContainerCmd(id).exec();
        return image;
    }

    @Test
    void historyListsTheCommitOverTheImportNewestFirst(DockerClient client, BerthDaemon daemon) {
        var repo = uniqueName("hist");
        var id = commitWithFile(client, repo, "/hist", Map.of());
        JsonNode history = RawApi.get(daemon, "/v1.41/images/" + repo + ":v1/history");
        assertThat(history).hasSize(2);
        JsonNode top = history.get(0);
        assertThat(top.path("Id").asText()).isEqualTo(id);
        assertThat(top.path("Tags")).extracting(JsonNode::asText).containsExactly(repo + ":v1");
        assertThat(top.path("CreatedBy").asText()).isEqualTo("sh -c echo " + repo + " > /hist");
        assertThat(top.path("Comment").asText()).isEqualTo("made by a test");
        assertThat(top.path("Size").asLong()).isEqualTo(repo.length() + 1);
        JsonNode base = history.get(1);
        assertThat(base.path("Id").asText()).isEqualTo("<missing>");
        assertThat(base.path("Tags").isNull()).isTrue();
        assertThat(base.path("Size").asLong()).isEqualTo(client.inspectImageCmd(Containers.IMAGE).exec().getSize());
        assertThat(base.path("Created").asLong()).isLessThanOrEqualTo(top.path("Created").asLong());
        RawApi.call(daemon, com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET,
                "/v1.41/images/no-such:1/history", 404);
        client.removeImageCmd(id).exec();
    }

    /** The image's top layer directory, as inspect reports it (docker-java does not map overlay2's keys). */
    static Path upperDir(BerthDaemon daemon, String image) {
        return Path.of(RawApi.get(daemon, "/v1.41/images/" + image + "/json").path("GraphDriver").path("Data")
                .path("UpperDir").asText());
    }

    /** The archive's regular files by name. */
    static Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry())
                if (!e.isDirectory()) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void saveRemoveLoadRun(DockerClient client, BerthDaemon daemon) throws Exception {
        var repo = uniqueName("roundtrip");
        var id = commitWithFile(client, repo, "/payload", Map.of());
        var topLayer = upperDir(daemon, id);
        assertThat(topLayer).isDirectory().startsWith(daemon.dataRoot());
        byte[] tar;
        try (InputStream in = client.saveImageCmd(repo).withTag("v1").exec()) {
            tar = in.readAllBytes();
        }
        client.removeImageCmd(repo + ":v1").exec();
        assertThatThrownBy(() -> client.inspectImageCmd(id).exec()).isInstanceOf(NotFoundException.class);
        assertThat(topLayer).doesNotExist();
        assertThat(upperDir(daemon, Containers.IMAGE)).isDirectory(); // the base layer stays: busybox still stacks it

        client.loadImageCmd(new ByteArrayInputStream(tar)).exec();
        assertThat(client.inspectImageCmd(repo + ":v1").exec().getId()).isEqualTo(id);
        assertThat(CommitTest.output(client, repo + ":v1", "cat", "/payload")).isEqualTo(repo + "\n");
        client.removeImageCmd(id).exec();
    }

    @Test
    void twoImagesSharingLayersStoreEachOnceAndSkopeoReadsBoth(DockerClient client, @TempDir Path dir) throws Exception {
        var a = uniqueName("share-a");
        var b = uniqueName("share-b");
        var idA = commitWithFile(client, a, "/a", Map.of());
        var idB = commitWithFile(client, b, "/b", Map.of());
        client.tagImageCmd(idB, b, "v2").exec(); // the OCI index names images by tag alone: keep them apart
        byte[] tar;
        try (InputStream in = client.saveImagesCmd().withImage(a, "v1").withImage(b, "v2").exec()) {
            tar = in.readAllBytes();
        }
        Map<String, byte[]> files = untar(tar);
        for (var e : files.entrySet())
            if (e.getKey().startsWith("blobs/sha256/")) assertThat(sha256(e.getValue())).isEqualTo(e.getKey().substring(13));
        var baseLayer = client.inspectImageCmd(Containers.IMAGE).exec().getRootFS().getLayers().getFirst();
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest).hasSize(2);
        List<String> layers = new ArrayList<>();
        manifest.forEach(m -> m.path("Layers").forEach(l -> layers.add(l.asText())));
        assertThat(layers).filteredOn(l -> l.equals("blobs/sha256/" + baseLayer.substring(7))).hasSize(2);
        assertThat(files.keySet()).filteredOn(n -> n.equals("blobs/sha256/" + baseLayer.substring(7))).hasSize(1);
        assertThat(files).containsKeys("oci-layout", "index.json", "repositories");

        Path archive = dir.resolve("two.tar");
        Files.write(archive, tar);
        String viaDocker = Shell.run(List.of("skopeo", "inspect", "--config", "docker-archive:" + archive + ":" + b + ":v2"));
        assertThat(JSON.readTree(viaDocker).path("rootfs").path("diff_ids").get(0).asText()).isEqualTo(baseLayer);
        String viaOci = Shell.run(List.of("skopeo", "inspect", "oci-archive:" + archive + ":v2"));
        assertThat(JSON.readTree(viaOci).path("Layers")).hasSize(2);
        Shell.run(List.of("skopeo", "copy", "--quiet", "oci-archive:" + archive + ":v2", "oci:" + dir.resolve("copy") + ":x"));
        assertThat(dir.resolve("copy/index.json")).exists();
        client.removeImageCmd(idA).exec();
        client.removeImageCmd(idB).withForce(true).exec();
    }
}
