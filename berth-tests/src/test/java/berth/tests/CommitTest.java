package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static berth.tests.Containers.run;
import static berth.tests.Containers.uniqueName;
import static berth.tests.Containers.waitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker commit: one more layer with the container's changes, a config, a tag, and it outlives a restart. */
@ExtendWith(BerthExtension.class)
class CommitTest {

    /** Runs {@code image} with {@code cmd} (none: the image's), returns what it printed. */
    static String output(DockerClient client, String image, String... cmd) {
        var create = client.createContainerCmd(image).withName(uniqueName("from-commit"));
        if (cmd.length > 0) create = create.withCmd(cmd);
        var id = create.exec().getId();
        client.startContainerCmd(id).exec();
        waitExit(client, id);
        var out = Frames.logs(client, id).stdout() + Frames.logs(client, id).stderr();
        client.removeContainerCmd(id).exec();
        return out;
    }

    @Test
    void committedImageHasTheAddedFileAndNotTheDeletedOne(DockerClient client) {
        var id = run(client, uniqueName("commit"), "sh", "-c", "echo added > /added; rm /etc/group");
        waitExit(client, id);
        var repo = uniqueName("committed");
        var imageId = client.commitCmd(id).withRepository(repo).withTag("v1").withAuthor("tester")
                .withMessage("first commit").withCmd("cat", "/added").withEnv("EXTRA=1").exec();
        assertThat(imageId).matches("sha256:[0-9a-f]{64}");

        var image = client.inspectImageCmd(repo + ":v1").exec();
        assertThat(image.getId()).isEqualTo(imageId);
        assertThat(image.getAuthor()).isEqualTo("tester");
        assertThat(image.getComment()).isEqualTo("first commit");
        assertThat(image.getConfig().getCmd()).containsExactly("cat", "/added");
        assertThat(image.getConfig().getEnv()).contains("EXTRA=1");
        var base = client.inspectImageCmd(Containers.IMAGE).exec();
        assertThat(image.getRootFS().getLayers()).hasSize(base.getRootFS().getLayers().size() + 1)
                .startsWith(base.getRootFS().getLayers().toArray(String[]::new));

        assertThat(output(client, repo + ":v1")).isEqualTo("added\n");
        assertThat(output(client, repo + ":v1", "sh", "-c", "test -e /etc/group && echo present || echo gone"))
                .isEqualTo("gone\n");
        client.removeContainerCmd(id).exec();
        client.removeImageCmd(repo + ":v1").exec();
    }

    @Test
    void changesApplyAndARunningContainerKeepsRunning(DockerClient client, BerthDaemon daemon) throws IOException {
        var id = run(client, uniqueName("commit-run"), "sh", "-c", "echo live > /live; sleep 300");
        var repo = uniqueName("changes");
        awaitFile(client, id, "/live");
        String changes = "&changes=" + URLEncoder.encode("CMD [\"cat\", \"/live\"]", StandardCharsets.UTF_8)
                + "&changes=" + URLEncoder.encode("ENV MODE=committed", StandardCharsets.UTF_8)
                + "&changes=" + URLEncoder.encode("WORKDIR /tmp", StandardCharsets.UTF_8);
        var request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                .path("/v1.41/commit?container=" + id + "&repo=" + repo + "&tag=v2" + changes).build();
        try (var response = daemon.http().execute(request)) {
            assertThat(response.getStatusCode()).isEqualTo(201);
        }
        var state = client.inspectContainerCmd(id).exec().getState();
        assertThat(state.getRunning()).isTrue();
        assertThat(state.getPaused()).isFalse(); // paused for the commit, then thawed
        var config = client.inspectImageCmd(repo + ":v2").exec().getConfig();
        assertThat(config.getCmd()).containsExactly("cat", "/live");
        assertThat(config.getEnv()).contains("MODE=committed");
        assertThat(config.getWorkingDir()).isEqualTo("/tmp");
        assertThat(output(client, repo + ":v2")).isEqualTo("live\n");
        client.removeContainerCmd(id).withForce(true).exec();
        client.removeImageCmd(repo + ":v2").exec();
    }

    @Test
    void aCommittedImageSurvivesARestart() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var id = run(client, uniqueName("commit-restart"), "sh", "-c", "echo kept > /kept");
            waitExit(client, id);
            var imageId = client.commitCmd(id).withRepository("kept").withTag("1").exec();
            daemon.kill9();
            daemon.restart(); // the store collects unreferenced blobs and layers at open
            client = daemon.client();
            assertThat(client.inspectImageCmd("kept:1").exec().getId()).isEqualTo(imageId);
            client.removeContainerCmd(id).exec();
            assertThat(output(client, "kept:1", "cat", "/kept")).isEqualTo("kept\n");
        }
    }

    @Test
    void commitOfAMissingContainerIsNotFound(DockerClient client) {
        assertThatThrownBy(() -> client.commitCmd("no-such-container").exec()).isInstanceOf(NotFoundException.class);
    }

    private static void awaitFile(DockerClient client, String id, String path) {
        for (int i = 0; i < 100; i++) {
            try {
                ContainerFilesTest.get(client, id, path);
                return;
            } catch (NotFoundException notYet) {
                BerthDaemon.sleep(java.time.Duration.ofMillis(50));
            }
        }
        throw new AssertionError(path + " never appeared in " + id);
    }
}
