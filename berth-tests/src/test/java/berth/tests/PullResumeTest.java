package berth.tests;

import com.github.dockerjava.api.model.PullResponseItem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pull killed halfway (kill -9 of berthd while a 50 MB layer downloads): the restarted daemon shows no
 * half image and no partial files, and the next pull completes, keeping the layer that was complete.
 */
class PullResumeTest {
    private static final long BIG = 50L << 20;

    @Test
    void pullKilledHalfwayLeavesNoHalfImageAndResumes() throws Exception {
        Path dir = Files.createTempDirectory("berth-resume.");
        try (var registry = TestRegistry.plain(); var daemon = BerthDaemon.startEmpty()) {
            Path big = Registries.randomFileLayer(dir.resolve("big.tar"), "big.bin", BIG);
            Path archive = Registries.dockerArchive(dir.resolve("image.tar"), "big/app:1", List.of(daemon.busyboxTar(), big));
            Registries.skopeoCopy("docker-archive:" + archive, "docker://" + registry.endpoint() + "/it/big:1");
            try (var proxy = new StallingProxy(Integer.parseInt(registry.endpoint().split(":")[1]), 8L << 20)) {
                String image = proxy.endpoint() + "/it/big:1";
                var collector = daemon.client().pullImageCmd(image).exec(new Registries.Collector<PullResponseItem>());
                awaitUntil(() -> proxy.stalledConnections.get() > 0 && collector.lines.stream().anyMatch(l -> l.endsWith(": Pull complete")),
                        "the busybox layer unpacked and the big one stalled halfway");
                daemon.kill9();
                daemon.restart();
                var client = daemon.client();
                assertThat(client.listImagesCmd().withShowAll(true).exec()).isEmpty();
                try (var files = Files.list(daemon.dataRoot().resolve("image/blobs/sha256"))) {
                    assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.length() == 64);
                }

                proxy.stall = false;
                var resumed = Registries.pull(client, image, null);
                assertThat(resumed.error()).isEmpty();
                assertThat(resumed.lines()).filteredOn(l -> l.endsWith(": Already exists")).hasSize(1);
                assertThat(resumed.lines()).filteredOn(l -> l.endsWith(": Pull complete")).hasSize(1);
                assertThat(resumed.lines()).contains("Status: Downloaded newer image for " + image);
                String id = client.createContainerCmd(image).withCmd("wc", "-c", "/big.bin").exec().getId();
                client.startContainerCmd(id).exec();
                assertThat(Containers.waitExit(client, id)).isZero();

                // berth pushes the 50 MB layer on in 16 MiB PATCH chunks; skopeo reads it back, verifying digests
                try (var other = TestRegistry.plain()) {
                    String copy = other.endpoint() + "/it/big";
                    client.tagImageCmd(image, copy, "1").exec();
                    var pushed = Registries.push(client, copy, "1", null);
                    assertThat(pushed.error()).isEmpty();
                    assertThat(pushed.lines()).filteredOn(l -> l.endsWith(": Pushed")).hasSize(2);
                    Registries.skopeoCopy("docker://" + copy + ":1", "dir:" + dir.resolve("copy"));
                    Path biggest = biggestFile(dir.resolve("copy"));
                    assertThat(Files.size(biggest)).isGreaterThan(BIG);
                    assertThat(Registries.sha256(biggest)).isEqualTo(biggest.getFileName().toString());
                }
            }
        } finally {
            Shell.run(List.of("rm", "-rf", dir.toString()));
        }
    }

    @Test
    void aClientThatGoesAwayCancelsItsPull() throws Exception {
        Path dir = Files.createTempDirectory("berth-cancel.");
        try (var registry = TestRegistry.plain(); var daemon = BerthDaemon.startEmpty()) {
            // far more than loopback's socket buffers can hold past the stall, so the registry's side blocks
            // until berthd either reads on or hangs up
            Path big = Registries.randomFileLayer(dir.resolve("big.tar"), "big.bin", 64L << 20);
            Path archive = Registries.dockerArchive(dir.resolve("image.tar"), "big/app:1", List.of(daemon.busyboxTar(), big));
            Registries.skopeoCopy("docker-archive:" + archive, "docker://" + registry.endpoint() + "/it/cancel:1");
            try (var proxy = new StallingProxy(Integer.parseInt(registry.endpoint().split(":")[1]), 8L << 20)) {
                String image = proxy.endpoint() + "/it/cancel:1";
                // a raw connection, so that hanging up is exactly a close (a client library may drain the body)
                try (var api = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(daemon.socket()))) {
                    String request = "POST /v1.41/images/create?fromImage=" + image + " HTTP/1.1\r\nHost: berth\r\n"
                            + "Content-Length: 0\r\n\r\n";
                    api.write(java.nio.ByteBuffer.wrap(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                    awaitUntil(() -> proxy.stalledConnections.get() > 0, "the big layer stalled halfway");
                } // the client hangs up, as docker pull does on Ctrl-C
                proxy.stall = false;
                // the daemon's next progress report finds the client gone and drops the download mid-body: its
                // temp file goes and no big blob ever lands (a finished download would rename the one into the other)
                Path blobs = daemon.dataRoot().resolve("image/blobs/sha256");
                awaitUntil(() -> dropped(blobs), "berthd dropped the download");
                assertThat(daemon.client().listImagesCmd().withShowAll(true).exec()).isEmpty();
            }
        } finally {
            Shell.run(List.of("rm", "-rf", dir.toString()));
        }
    }

    /** No download in progress (temp file) and no blob bigger than the busybox layer's in the store. */
    private static boolean dropped(Path blobs) {
        try (var files = Files.list(blobs)) {
            return files.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-") || p.toFile().length() > (8L << 20));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The biggest file skopeo's dir: transport wrote (blobs are named by their hex digests there). */
    private static Path biggestFile(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("timed out waiting until " + what);
            BerthDaemon.sleep(Duration.ofMillis(50));
        }
    }
}
