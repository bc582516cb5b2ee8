package berth.tests;

import static berth.tests.Containers.IMAGE;
import static berth.tests.Containers.exists;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of creates, starts and removes, several times over: afterwards every container
 * the client was told exists (and did not ask to remove) does exist with its writable layer, none the client
 * was told is gone comes back, and removing everything leaves no container directory, snapshot or mount behind.
 */
class CrashDuringChurnTest {
    private static final int ROUNDS = 4;

    @Test
    void killsDuringCreateStartAndRemoveLoseNothingAndLeaveNothing() throws Exception {
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        Set<String> removing = ConcurrentHashMap.newKeySet();
        Set<String> removed = ConcurrentHashMap.newKeySet();
        var random = new Random(42);
        try (var daemon = BerthDaemon.start()) {
            for (int round = 0; round < ROUNDS; round++) {
                var client = daemon.client();
                int before = confirmed.size();
                var churn = Thread.ofVirtual().start(() -> churn(client, confirmed, removing, removed));
                // the kill comes at a random moment after the round's first confirmed create, however slow the machine
                awaitProgress(confirmed, before);
                BerthDaemon.sleep(Duration.ofMillis(random.nextInt(600)));
                daemon.kill9();
                churn.join();
                daemon.restart();
                assertConsistent(daemon, confirmed, removing, removed);
            }
            assertThat(confirmed.size()).as("the churn got work done between kills").isGreaterThanOrEqualTo(ROUNDS);
            var client = daemon.client();
            for (var c : client.listContainersCmd().withShowAll(true).exec())
                client.removeContainerCmd(c.getId()).withForce(true).exec();
            assertThat(containerDirs(daemon.dataRoot().resolve("containers"))).isEmpty();
            // layers live beside snapshots under overlay/; only snapshots have a work dir
            assertThat(containerDirs(daemon.dataRoot().resolve("overlay")))
                    .filteredOn(d -> Files.isDirectory(daemon.dataRoot().resolve("overlay").resolve(d).resolve("work")))
                    .isEmpty();
            assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(daemon.dataRoot().toString());
        }
    }

    private static void awaitProgress(Set<String> confirmed, int before) {
        var deadline = java.time.Instant.now().plus(Duration.ofSeconds(60));
        while (confirmed.size() == before && java.time.Instant.now().isBefore(deadline))
            BerthDaemon.sleep(Duration.ofMillis(10));
    }

    /** Creates, starts and removes until the daemon dies under it; records only what the daemon confirmed. */
    private static void churn(DockerClient client, Set<String> confirmed, Set<String> removing,
                              Set<String> removed) {
        try {
            for (int i = 0; ; i++) {
                String id = client.createContainerCmd(IMAGE).withCmd("sleep", "60").exec().getId();
                confirmed.add(id);
                if (i % 2 == 0) client.startContainerCmd(id).exec();
                if (i % 3 == 0) {
                    removing.add(id); // from here the outcome is open until the daemon confirms
                    client.removeContainerCmd(id).withForce(true).exec();
                    removed.add(id);
                }
            }
        } catch (RuntimeException daemonGone) {
            // expected: the daemon was killed mid-request
        }
    }

    private static void assertConsistent(BerthDaemon daemon, Set<String> confirmed, Set<String> removing,
                                         Set<String> removed) {
        var client = daemon.client();
        for (String id : confirmed) {
            if (removed.contains(id)) assertThat(exists(client, id)).as("removed %s stays removed", id).isFalse();
        }
        var listed = client.listContainersCmd().withShowAll(true).exec();
        for (var c : listed) {
            var inspect = client.inspectContainerCmd(c.getId()).exec();
            var upper = daemon.dataRoot().resolve("overlay").resolve(c.getId()).resolve("diff");
            assertThat(upper).as("writable layer of %s", c.getId()).isDirectory();
            assertThat(inspect.getState().getStatus()).isIn("created", "running", "exited");
        }
        var listedIds = listed.stream().map(c -> c.getId()).toList();
        for (String id : confirmed) {
            if (!removing.contains(id)) assertThat(listedIds).as("confirmed container %s", id).contains(id);
        }
    }

    private static List<String> containerDirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}")).toList();
        }
    }
}
