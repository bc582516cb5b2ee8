package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static berth.tests.Containers.run;
import static berth.tests.Containers.uniqueName;
import static berth.tests.ContainerFilesTest.get;
import static berth.tests.ContainerFilesTest.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docker cp against a hostile container: symlinks to "/" and to host paths (absolute and by "../"),
 * hostile tars, and a container swapping a directory for a symlink while berth copies. A canary
 * directory on the host must never be read or written.
 */
@ExtendWith(BerthExtension.class)
class ArchiveSecurityTest {

    @TempDir
    Path canary;
    String secret;

    @BeforeEach
    void plantCanary() throws IOException {
        secret = "HOST-SECRET-" + UUID.randomUUID();
        Files.writeString(canary.resolve("secret.txt"), secret);
    }

    /** A running container with /etc/evil -> /, /abs -> the canary, /x -> ../../../.. + the canary. */
    private String hostileContainer(DockerClient client, String what) {
        return run(client, uniqueName(what), "sh", "-c", "ln -s / /etc/evil; ln -s " + canary + " /abs; "
                + "ln -s ../../../../../../../.." + canary + " /x; touch /ready; sleep 300");
    }

    private void awaitReady(DockerClient client, String id) {
        for (int i = 0; i < 200; i++) {
            try {
                get(client, id, "/ready");
                return;
            } catch (NotFoundException notYet) {
                BerthDaemon.sleep(java.time.Duration.ofMillis(25));
            }
        }
        throw new AssertionError("container " + id + " never got ready");
    }

    private void assertCanaryUntouched() throws IOException {
        try (var files = Files.list(canary)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("secret.txt");
        }
        assertThat(canary.resolve("secret.txt")).hasContent(secret);
    }

    @Test
    void readsThroughHostileSymlinksStayInTheContainer(DockerClient client) throws IOException {
        var id = hostileContainer(client, "sec-read");
        awaitReady(client, id);
        for (String path : List.of("/etc/evil" + canary + "/secret.txt", "/abs/secret.txt", "/x/secret.txt", "/abs/", "/x/."))
            assertThatThrownBy(() -> get(client, id, path)).as(path).isInstanceOf(NotFoundException.class);
        assertThat(get(client, id, "/etc/evil")).containsExactly(Map.entry("evil", "-> /"));
        assertThat(get(client, id, "/abs")).containsExactly(Map.entry("abs", "-> " + canary));
        assertThat(get(client, id, "/etc/evil/etc/passwd").get("passwd")).startsWith("root:x:0:0:");
        assertThat(ContainerFilesTest.get(client, id, "/etc/evil/").values()).doesNotContain(secret);
        assertCanaryUntouched();
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void writesThroughHostileSymlinksStayInTheContainer(DockerClient client) throws IOException {
        var id = hostileContainer(client, "sec-write");
        awaitReady(client, id);
        for (String dest : List.of("/etc/evil" + canary, "/abs", "/x", "/abs/.", "/x/"))
            assertThatThrownBy(() -> put(client, id, dest, new Tars().file("planted", "x"))).as(dest)
                    .isInstanceOf(NotFoundException.class);

        String name = "berth-it-" + UUID.randomUUID();
        put(client, id, "/etc/evil/tmp", new Tars().file(name, "inside"));
        assertThat(Path.of("/tmp", name)).doesNotExist();
        assertThat(get(client, id, "/tmp/" + name)).containsEntry(name, "inside");

        assertThatThrownBy(() -> put(client, id, "/tmp", new Tars().file("../../../../../../tmp/" + name + "-up", "x")))
                .isInstanceOf(BadRequestException.class);
        assertThat(Path.of("/tmp", name + "-up")).doesNotExist();

        // a symlink entry, then a file through it: the link is followed inside the container only
        assertThatThrownBy(() -> put(client, id, "/tmp", new Tars().symlink("link2", canary.toString()).file("link2/owned", "x")))
                .isInstanceOf(BadRequestException.class); // the link dangles inside the container: nowhere to write
        put(client, id, "/tmp", new Tars().symlink("link", "/").file("link" + canary + "/owned", "inside"));
        assertThat(get(client, id, canary + "/owned")).containsEntry("owned", "inside");

        assertThatThrownBy(() -> put(client, id, "/tmp", new Tars().symlink("up", "../../../../..")))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> put(client, id, "/tmp", new Tars().hardlink("h", "../../../../.." + canary + "/secret.txt")))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> put(client, id, "/tmp", new Tars().hardlink("h", canary + "/secret.txt")))
                .isInstanceOf(BadRequestException.class);
        assertCanaryUntouched();
        client.removeContainerCmd(id).withForce(true).exec();
    }

    /**
     * The container swaps /race/d between a directory and a symlink to the canary as fast as it can while
     * berth reads from and extracts into it. Whatever berth sees, it is the container's.
     */
    @Test
    void aDirectorySwappedForASymlinkMeanwhileNeverLeadsOut(DockerClient client) throws IOException {
        var id = run(client, uniqueName("sec-race"), "sh", "-c", "mkdir /race; touch /ready; while true; do "
                + "mkdir /race/d; echo inside > /race/d/secret.txt; rm -rf /race/d; ln -s " + canary + " /race/d; rm /race/d; done");
        awaitReady(client, id);
        int reads = 0, writes = 0;
        for (int i = 0; i < 60; i++) {
            try {
                assertThat(get(client, id, "/race/d/secret.txt").values()).allSatisfy(v -> assertThat(v).isNotEqualTo(secret));
                reads++;
            } catch (DockerException raced) {
                // absent at that moment, or gone mid-read: fine, as long as it was not the host's file
            }
            try {
                put(client, id, "/race/d", new Tars().file("planted-" + i, "x"));
                writes++;
            } catch (DockerException raced) {
                // ditto
            }
            try {
                put(client, id, "/race", new Tars().file("d/deep-" + i, "x"));
                writes++;
            } catch (DockerException raced) {
                // ditto
            }
        }
        assertCanaryUntouched();
        assertThat(reads + writes).as("some copies got through the race").isPositive();
        client.removeContainerCmd(id).withForce(true).exec();
    }
}
