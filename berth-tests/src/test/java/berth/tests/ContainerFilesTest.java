package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ChangeLog;
import com.github.dockerjava.transport.DockerHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static berth.tests.Containers.IMAGE;
import static berth.tests.Containers.run;
import static berth.tests.Containers.uniqueName;
import static berth.tests.Containers.waitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker diff, cp (the archive endpoints) and export through docker-java, on running and stopped containers. */
@ExtendWith(BerthExtension.class)
class ContainerFilesTest {

    static Map<String, String> get(DockerClient client, String id, String path) {
        try (InputStream tar = client.copyArchiveFromContainerCmd(id, path).exec()) {
            return Tars.read(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(DockerClient client, String id, String dir, Tars tar) {
        client.copyArchiveToContainerCmd(id).withRemotePath(dir).withTarInputStream(tar.stream()).exec();
    }

    @Test
    void diffListsAddedChangedAndDeletedPaths(DockerClient client) {
        var id = run(client, uniqueName("diff"), "sh", "-c", "echo x > /etc/x; rm /bin/ls; mkdir -p /new/dir");
        assertThat(waitExit(client, id)).isZero();
        var changes = client.containerDiffCmd(id).exec().stream()
                .map(c -> c.getKind() + " " + c.getPath()).toList();
        assertThat(changes).contains("0 /etc", "1 /etc/x", "0 /bin", "2 /bin/ls", "1 /new", "1 /new/dir");
        assertThat(changes).doesNotContain("0 /", "0 /etc/passwd");
        assertThat(client.containerDiffCmd(id).exec()).extracting(ChangeLog::getKind).containsOnly(0, 1, 2);
        client.removeContainerCmd(id).exec();
    }

    @Test
    void copyIntoAndOutOfARunningContainer(DockerClient client) {
        var id = run(client, uniqueName("cp-run"), "sleep", "300");
        put(client, id, "/tmp", new Tars().file("hello.txt", "hello\n").file("sub/deep.txt", "deep"));
        assertThat(get(client, id, "/tmp/hello.txt")).containsExactly(Map.entry("hello.txt", "hello\n"));
        assertThat(get(client, id, "/tmp/sub")).containsKeys("sub/", "sub/deep.txt");
        assertThat(get(client, id, "/tmp/sub/.")).containsKeys("./", "./deep.txt");
        var exec = client.execCreateCmd(id).withAttachStdout(true).withCmd("cat", "/tmp/sub/deep.txt").exec().getId();
        assertThat(client.execStartCmd(exec).exec(new Frames()).await().stdout()).isEqualTo("deep");
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void copyWorksOnAContainerThatNeverRanAndLeavesNoMount(DockerClient client, BerthDaemon daemon) throws IOException {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("cp-created")).withCmd("cat", "/data/in.txt").exec().getId();
        put(client, id, "/", new Tars().file("data/in.txt", "from outside"));
        assertThat(get(client, id, "/data/in.txt")).containsEntry("in.txt", "from outside");
        assertThat(mountedMergedDirs(daemon, id)).isZero();
        client.startContainerCmd(id).exec();
        assertThat(waitExit(client, id)).isZero();
        assertThat(Frames.logs(client, id).stdout()).isEqualTo("from outside");
        assertThat(export(daemon, id)).containsEntry("data/in.txt", "from outside").containsKey("bin/sh");
        assertThat(mountedMergedDirs(daemon, id)).isZero();
        client.removeContainerCmd(id).exec();
    }

    @Test
    void dockersErrors(DockerClient client) {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("cp-err")).withCmd("true").exec().getId();
        assertThatThrownBy(() -> get(client, id, "/nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Could not find the file /nope in container " + id);
        assertThatThrownBy(() -> put(client, id, "/etc/passwd", new Tars().file("f", "x")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("extraction point is not a directory");
        assertThatThrownBy(() -> put(client, id, "/missing", new Tars().file("f", "x"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> get(client, "no-such-container", "/")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No such container: no-such-container");
        assertThatThrownBy(() -> client.containerDiffCmd("no-such-container").exec()).isInstanceOf(NotFoundException.class);
        client.removeContainerCmd(id).exec();
    }

    /** docker-java has no export: the raw endpoint. */
    static Map<String, String> export(BerthDaemon daemon, String id) throws IOException {
        var request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/v1.41/containers/" + id + "/export").build();
        try (var response = daemon.http().execute(request)) {
            assertThat(response.getStatusCode()).isEqualTo(200);
            return Tars.read(response.getBody());
        }
    }

    static long mountedMergedDirs(BerthDaemon daemon, String id) throws IOException {
        String merged = daemon.dataRoot().resolve("overlay").resolve(id).resolve("merged").toString();
        try (var lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.filter(l -> l.contains(merged)).count();
        }
    }
}
