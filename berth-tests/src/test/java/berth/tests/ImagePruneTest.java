package berth.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static berth.tests.Containers.run;
import static berth.tests.Containers.uniqueName;
import static berth.tests.Containers.waitExit;
import static berth.tests.ImageHistorySaveTest.commitWithFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * image prune, rmi's untag/delete/conflict rules, system df and image inspect, with layers checked on disk.
 * Prunes are scoped by a label unique to each test: the daemon is shared with the other test classes.
 */
@ExtendWith(BerthExtension.class)
class ImagePruneTest {

    private static String prunePath(String label, boolean all) {
        String filters = "{\"label\":[\"" + label + "\"]" + (all ? ",\"dangling\":[\"false\"]" : "") + "}";
        return "/v1.41/images/prune?filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8);
    }

    private static List<String> deleted(JsonNode report, String key) {
        List<String> out = new ArrayList<>();
        report.path("ImagesDeleted").forEach(i -> { if (i.has(key)) out.add(i.path(key).asText()); });
        return out;
    }

    private static boolean exists(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void pruneDeletesDanglingImagesNotInUseAndReportsTheSpace(DockerClient client, BerthDaemon daemon) {
        String label = "prune-test=" + uniqueName("dangling");
        var repo = uniqueName("prune");
        var unused = commitWithFile(client, repo, "/unused", Map.of("prune-test", label.substring(11)));
        var used = commitWithFile(client, repo, "/used", Map.of("prune-test", label.substring(11))); // takes repo:v1
        var tagged = commitWithFile(client, uniqueName("kept"), "/kept", Map.of("prune-test", label.substring(11)));
        var user = client.createContainerCmd(used).withCmd("sleep", "300").exec().getId();
        client.startContainerCmd(user).exec();
        client.removeImageCmd(repo + ":v1").withForce(true).exec(); // running: only untagged, now dangling too
        assertThat(client.inspectImageCmd(used).exec().getRepoTags()).isEmpty();
        String dangling = URLEncoder.encode("{\"dangling\":[\"true\"],\"label\":[\"" + label + "\"]}", StandardCharsets.UTF_8);
        JsonNode old = RawApi.get(daemon, "/v1.41/images/json?filters=" + dangling);
        assertThat(old).extracting(i -> i.path("RepoTags").get(0).asText()).containsOnly("<none>:<none>");
        assertThat(old).extracting(i -> i.path("RepoDigests").get(0).asText()).containsOnly("<none>@<none>");
        assertThat(RawApi.get(daemon, "/v1.47/images/json?filters=" + dangling))
                .allSatisfy(i -> assertThat(i.path("RepoTags").isEmpty()).isTrue()).hasSize(old.size());

        JsonNode report = RawApi.post(daemon, prunePath(label, false));
        assertThat(deleted(report, "Deleted")).contains(unused).doesNotContain(used, tagged);
        assertThat(report.path("SpaceReclaimed").asLong()).isEqualTo(repo.length() + 1); // the file of its one layer
        assertThat(exists(client, unused)).isFalse();
        assertThat(exists(client, used)).isTrue();

        JsonNode again = RawApi.post(daemon, prunePath(label, false));
        assertThat(again.path("ImagesDeleted").isNull()).isTrue();
        assertThat(again.path("SpaceReclaimed").asLong()).isZero();

        JsonNode all = RawApi.post(daemon, prunePath(label, true));
        assertThat(deleted(all, "Untagged")).hasSize(1).allSatisfy(t -> assertThat(t).endsWith(":v1"));
        assertThat(deleted(all, "Deleted")).contains(tagged).doesNotContain(used);
        client.removeContainerCmd(user).withForce(true).exec();
        assertThat(deleted(RawApi.post(daemon, prunePath(label, false)), "Deleted")).contains(used);
        assertThat(exists(client, Containers.IMAGE)).isTrue();
        RawApi.call(daemon, com.github.dockerjava.transport.DockerHttpClient.Request.Method.POST,
                "/v1.41/images/prune?filters=" + URLEncoder.encode("{\"bogus\":[\"x\"]}", StandardCharsets.UTF_8), 400);
    }

    @Test
    void saveAndPruneAreReportedAsImageEvents(DockerClient client, BerthDaemon daemon) throws Exception {
        var since = java.time.Instant.now();
        String label = "prune-test=" + uniqueName("events");
        var id = commitWithFile(client, uniqueName("ev"), "/ev", Map.of("prune-test", label.substring(11)));
        try (var in = client.saveImageCmd(id).exec()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        client.removeImageCmd(id).withForce(true).exec();
        var c = run(client, uniqueName("ev-dangling"), "sh", "-c", "echo 12 > /x");
        waitExit(client, c);
        var dangling = client.commitCmd(c).withLabels(Map.of("prune-test", label.substring(11))).exec();
        client.removeContainerCmd(c).exec();
        RawApi.post(daemon, prunePath(label, false));
        BerthDaemon.sleep(java.time.Duration.ofMillis(100));
        var until = java.time.Instant.now();
        var events = client.eventsCmd().withSince(since.getEpochSecond() + "." + String.format("%09d", since.getNano()))
                .withUntil(until.getEpochSecond() + "." + String.format("%09d", until.getNano()))
                .withEventTypeFilter(com.github.dockerjava.api.model.EventType.IMAGE).exec(new EventsTest.Collected());
        assertThat(events.awaitCompletion(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(events.events).filteredOn(e -> e.getAction().equals("save"))
                .singleElement().satisfies(e -> assertThat(e.getActor().getId()).isEqualTo(id));
        assertThat(events.events).filteredOn(e -> e.getAction().equals("delete"))
                .extracting(e -> e.getActor().getId()).contains(id, dangling);
        assertThat(events.one("prune").getActor().getAttributes()).containsEntry("reclaimed", "3");
    }

    @Test
    void rmiUntagsDeletesAndRefusesAsDocker(DockerClient client, BerthDaemon daemon) {
        var repo = uniqueName("rmi");
        var id = commitWithFile(client, repo, "/rmi", Map.of());
        client.tagImageCmd(id, repo, "v2").exec();
        var shortId = id.substring(7, 19);
        assertThatThrownBy(() -> client.removeImageCmd(id).exec()).isInstanceOf(ConflictException.class)
                .hasMessageContaining("conflict: unable to delete " + shortId
                        + " (must be forced) - image is referenced in multiple repositories");
        client.removeImageCmd(repo + ":v2").exec(); // one of two tags: untag only
        assertThat(client.inspectImageCmd(id).exec().getRepoTags()).containsExactly(repo + ":v1");

        var running = run(client, uniqueName("rmi-user"), "sleep", "300");
        var user = client.createContainerCmd(id).withCmd("sleep", "300").exec().getId();
        client.startContainerCmd(user).exec();
        assertThatThrownBy(() -> client.removeImageCmd(repo + ":v1").exec()).isInstanceOf(ConflictException.class)
                .hasMessageContaining("conflict: unable to remove repository reference")
                .hasMessageContaining(repo + ":v1\\\" (must force) - container " + user.substring(0, 12)
                        + " is using its referenced image " + shortId);
        assertThatThrownBy(() -> client.removeImageCmd(id).withForce(true).exec()).isInstanceOf(ConflictException.class)
                .hasMessageContaining("(cannot be forced) - image is being used by running container " + user.substring(0, 12));
        client.removeImageCmd(repo + ":v1").withForce(true).exec(); // running: the tag goes, the image stays
        var upper = ImageHistorySaveTest.upperDir(daemon, id);
        assertThat(upper).isDirectory();

        client.killContainerCmd(user).exec();
        waitExit(client, user);
        assertThatThrownBy(() -> client.removeImageCmd(id).exec()).isInstanceOf(ConflictException.class)
                .hasMessageContaining("(must be forced) - image is being used by stopped container " + user.substring(0, 12));
        client.removeImageCmd(id).withForce(true).exec(); // stopped: the image goes, its layers stay for the container
        assertThat(exists(client, id)).isFalse();
        assertThat(upper).isDirectory();
        assertThat(CommitTest.output(client, Containers.IMAGE, "true")).isEmpty();
        client.removeContainerCmd(user).exec(); // the last user of the layer: now it goes
        assertThat(upper).doesNotExist();
        client.removeContainerCmd(running).withForce(true).exec();
    }

    @Test
    void systemDfCountsLayersImagesAndContainers(DockerClient client, BerthDaemon daemon) {
        var repo = uniqueName("df");
        var id = commitWithFile(client, repo, "/df", Map.of());
        var c = client.createContainerCmd(id).withName(uniqueName("df-user")).withCmd("sh", "-c", "echo 1234 > /rw").exec().getId();
        client.startContainerCmd(c).exec();
        waitExit(client, c);
        JsonNode df = RawApi.get(daemon, "/v1.41/system/df");
        assertThat(df.path("LayersSize").asLong()).isPositive();
        assertThat(df.path("Volumes").isArray()).isTrue();
        assertThat(df.path("BuildCache").isArray()).isTrue();
        JsonNode image = find(df.path("Images"), "Id", id);
        assertThat(image.path("Containers").asInt()).isEqualTo(1);
        long base = client.inspectImageCmd(Containers.IMAGE).exec().getSize();
        assertThat(image.path("SharedSize").asLong()).isEqualTo(base);
        assertThat(image.path("Size").asLong()).isEqualTo(base + repo.length() + 1);
        JsonNode container = find(df.path("Containers"), "Id", c);
        assertThat(container.path("SizeRw").asLong()).isEqualTo(5);
        assertThat(container.path("SizeRootFs").asLong()).isEqualTo(base + repo.length() + 1 + 5);
        assertThat(RawApi.get(daemon, "/v1.47/system/df?type=container").has("Images")).isFalse();
        client.removeContainerCmd(c).exec();
        client.removeImageCmd(id).exec();
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode n : array) if (n.path(key).asText().equals(value)) return n;
        throw new AssertionError(value + " not in " + array);
    }

    @Test
    void inspectHasDockersKeysAndRealLayerPaths(DockerClient client, BerthDaemon daemon) {
        var repo = uniqueName("inspect");
        var id = commitWithFile(client, repo, "/inspect", Map.of("a", "b"));
        JsonNode i = RawApi.get(daemon, "/v1.47/images/" + repo + ":v1/json");
        assertThat(i.fieldNames()).toIterable().containsExactly("Id", "RepoTags", "RepoDigests", "Parent", "Comment",
                "Created", "DockerVersion", "Author", "Config", "Architecture", "Os", "Size", "GraphDriver", "RootFS", "Metadata");
        assertThat(i.path("Config").fieldNames()).toIterable().contains("Hostname", "Domainname", "User", "AttachStdin",
                "AttachStdout", "AttachStderr", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Image", "Volumes",
                "WorkingDir", "Entrypoint", "OnBuild", "Labels");
        assertThat(i.path("Config").path("Labels").path("a").asText()).isEqualTo("b");
        JsonNode data = i.path("GraphDriver").path("Data");
        assertThat(i.path("GraphDriver").path("Name").asText()).isEqualTo("overlay2");
        assertThat(Path.of(data.path("UpperDir").asText()).resolve("inspect")).exists();
        assertThat(Path.of(data.path("LowerDir").asText())).isDirectory().startsWith(daemon.dataRoot());
        assertThat(data.has("MergedDir") && data.has("WorkDir")).isTrue();
        assertThat(i.path("RootFS").path("Layers")).hasSize(2);
        assertThat(i.path("Metadata").path("LastTagTime").asText()).isNotEmpty();
        assertThat(RawApi.get(daemon, "/v1.43/images/" + repo + ":v1/json").path("VirtualSize").asLong())
                .isEqualTo(i.path("Size").asLong());
        assertThat(Files.isDirectory(daemon.dataRoot().resolve("overlay"))).isTrue();
        client.removeImageCmd(id).exec();
    }
}
