package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.async.ResultCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static berth.tests.Containers.run;
import static berth.tests.Containers.uniqueName;
import static berth.tests.Containers.waitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * berthd against real registries (Debian's docker-registry on 127.0.0.1): one daemon pushes what it built,
 * a second one, which starts with no image, pulls it back; Basic and token auth; images pushed by skopeo
 * (gzip and zstd); a corrupted blob refused.
 */
class RegistryPullPushTest {
    private static BerthDaemon source;
    private static BerthDaemon target;
    private static TestRegistry registry;

    @BeforeAll
    static void start() throws IOException {
        registry = TestRegistry.plain();
        source = BerthDaemon.start();
        target = BerthDaemon.startEmpty();
    }

    @AfterAll
    static void stop() {
        if (target != null) target.close();
        if (source != null) source.close();
        if (registry != null) registry.close();
    }

    /** busybox plus a layer holding {@code /id} = a fresh UUID, tagged {@code repo:tag} in the source daemon. */
    private static String commitUnique(String repo, String tag) {
        var client = source.client();
        String id = UUID.randomUUID().toString();
        String container = run(client, uniqueName("commit"), "sh", "-c", "echo " + id + " > /id");
        assertThat(waitExit(client, container)).isZero();
        client.commitCmd(container).withRepository(repo).withTag(tag).exec();
        client.removeContainerCmd(container).exec();
        return id;
    }

    private static String output(DockerClient client, String image, String... cmd) throws InterruptedException {
        String id = client.createContainerCmd(image).withCmd(cmd).exec().getId();
        var out = new StringBuilder();
        client.startContainerCmd(id).exec();
        assertThat(waitExit(client, id)).isZero();
        client.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload()));
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        client.removeContainerCmd(id).exec();
        return out.toString().trim();
    }

    /** The image events of one action the daemon published since {@code since} (epoch seconds). */
    private static List<String> events(DockerClient client, long since, String action) throws InterruptedException {
        List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        client.eventsCmd().withSince(Long.toString(since)).withUntil(Long.toString(java.time.Instant.now().getEpochSecond() + 1))
                .withEventTypeFilter("image").exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.Event e) {
                        if (action.equals(e.getAction())) ids.add(e.getId());
                    }
                }).awaitCompletion(30, TimeUnit.SECONDS);
        return ids;
    }

    @Test
    void pushedImagePullsIntoAnotherDaemonWithTheSameDigestsAndRuns() throws Exception {
        long start = java.time.Instant.now().getEpochSecond();
        String repo = registry.endpoint() + "/it/roundtrip";
        String uuid = commitUnique(repo, "1");
        var pushed = Registries.push(source.client(), repo, "1", null);
        assertThat(pushed.error()).isEmpty();
        assertThat(pushed.lines()).first().isEqualTo("The push refers to repository [" + repo + "]");
        assertThat(pushed.has("Pushed")).isTrue();
        String digestLine = pushed.lines().getLast();
        assertThat(digestLine).matches("1: digest: sha256:[0-9a-f]{64} size: \\d+");
        var again = Registries.push(source.client(), repo, "1", null);
        assertThat(again.lines()).filteredOn(l -> l.endsWith(": Layer already exists")).hasSize(2);
        assertThat(again.lines().getLast()).isEqualTo(digestLine);

        var pulled = Registries.pull(target.client(), repo + ":1", null);
        assertThat(pulled.error()).isEmpty();
        assertThat(pulled.lines()).contains("1: Pulling from it/roundtrip");
        // the top layer is new; busybox's may be here already (another test pulled it)
        assertThat(pulled.lines()).filteredOn(l -> l.endsWith(": Pull complete") || l.endsWith(": Already exists")).hasSize(2);
        assertThat(pulled.lines()).filteredOn(l -> l.endsWith(": Pull complete")).isNotEmpty();
        String digest = digestLine.split(" ")[2];
        assertThat(pulled.lines()).contains("Digest: " + digest, "Status: Downloaded newer image for " + repo + ":1");

        var mine = source.client().inspectImageCmd(repo + ":1").exec();
        var theirs = target.client().inspectImageCmd(repo + ":1").exec();
        assertThat(theirs.getId()).isEqualTo(mine.getId());
        assertThat(theirs.getRepoDigests()).containsExactly(repo + "@" + digest);
        assertThat(mine.getRepoDigests()).containsExactly(repo + "@" + digest);
        assertThat(output(target.client(), repo + ":1", "cat", "/id")).isEqualTo(uuid);
        assertThat(events(source.client(), start, "push")).contains(repo + ":1");
        assertThat(events(target.client(), start, "pull")).contains(repo + ":1");

        var upToDate = Registries.pull(target.client(), repo + ":1", null);
        assertThat(upToDate.lines()).contains("Status: Image is up to date for " + repo + ":1");
        var byDigest = Registries.pull(target.client(), repo + "@" + digest, null);
        assertThat(byDigest.error()).isEmpty();
        assertThat(target.client().inspectImageCmd(repo + "@" + digest).exec().getId()).isEqualTo(mine.getId());

        // the target knows where its layers came from: a push to another repository mounts them
        target.client().tagImageCmd(repo + ":1", registry.endpoint() + "/it/mounted", "1").exec();
        var mounted = Registries.push(target.client(), registry.endpoint() + "/it/mounted", "1", null);
        assertThat(mounted.error()).isEmpty();
        // busybox's layer may have come from another repository first (another test): mounted from there
        assertThat(mounted.lines()).filteredOn(l -> l.contains(": Mounted from it/")).hasSize(2);
        String topLayer = pushed.lines().stream().filter(l -> l.endsWith(": Preparing")).findFirst().orElseThrow()
                .replace(": Preparing", "");
        assertThat(pushed.lines()).contains(topLayer + ": Pushed");
        assertThat(mounted.lines()).contains(topLayer + ": Mounted from it/roundtrip");
    }

    @Test
    void missingTagsAndRepositoriesAndUntaggedPushesGetDockersErrors() {
        String repo = registry.endpoint() + "/it/nothing";
        assertThatThrownBy(() -> Registries.pull(target.client(), repo + ":1", null))
                .isInstanceOf(com.github.dockerjava.api.exception.NotFoundException.class)
                .hasMessageContaining("manifest for " + repo + ":1 not found: manifest unknown");
        assertThatThrownBy(() -> Registries.push(source.client(), repo, "1", null))
                .isInstanceOf(com.github.dockerjava.api.exception.NotFoundException.class)
                .hasMessageContaining("An image does not exist locally with the tag: " + repo);
        assertThatThrownBy(() -> Registries.pull(target.client(), "127.0.0.1:1/it/x:1", null))
                .isInstanceOf(com.github.dockerjava.api.exception.InternalServerErrorException.class)
                .hasMessageContaining("connection refused");
    }

    @Test
    void basicAuthRegistryWantsTheRightPassword() throws Exception {
        try (var secured = TestRegistry.basic("alice", "s3cret")) {
            checkAuthenticatedRoundTrip(secured, "alice", "s3cret");
        }
    }

    @Test
    void tokenAuthRegistryWantsTheRightPassword() throws Exception {
        try (var secured = TestRegistry.token("bob", "t0ken-pw")) {
            checkAuthenticatedRoundTrip(secured, "bob", "t0ken-pw");
        }
    }

    private static void checkAuthenticatedRoundTrip(TestRegistry secured, String user, String password) throws Exception {
        String repo = secured.endpoint() + "/it/private";
        String uuid = commitUnique(repo, "1");
        var good = Registries.auth(secured, user, password);
        var bad = Registries.auth(secured, user, "wrong-" + password);

        assertThat(source.client().authCmd().withAuthConfig(good).exec().getStatus()).isEqualTo("Login Succeeded");
        assertThatThrownBy(() -> source.client().authCmd().withAuthConfig(bad).exec())
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("401 Unauthorized")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));

        // as with Docker, the push has started its stream when the registry refuses: the error is in it
        assertThat(Registries.push(source.client(), repo, "1", bad).error()).contains("unauthorized").doesNotContain(password);
        var pushed = Registries.push(source.client(), repo, "1", good);
        assertThat(pushed.error()).isEmpty();
        assertThat(pushed.has("Pushed")).isTrue();

        assertThatThrownBy(() -> Registries.pull(target.client(), repo + ":1", null)).isInstanceOf(DockerException.class)
                .hasMessageMatching("(?s).*(unauthorized|no basic auth credentials).*");
        var pulled = Registries.pull(target.client(), repo + ":1", good);
        assertThat(pulled.error()).isEmpty();
        assertThat(output(target.client(), repo + ":1", "cat", "/id")).isEqualTo(uuid);
        assertThat(Files.readString(target.log())).doesNotContain(password);
    }

    @Test
    void imagesPushedBySkopeoPullAndRunGzipAndZstd() throws Exception {
        Path dir = Files.createTempDirectory("berth-skopeo.");
        try {
            Path marker = Registries.randomFileLayer(dir.resolve("marker.tar"), "marker.bin", 4096);
            Path archive = Registries.dockerArchive(dir.resolve("image.tar"), "skopeo/app:1", List.of(source.busyboxTar(), marker));
            String gzip = registry.endpoint() + "/it/skopeo-gzip:1";
            String zstd = registry.endpoint() + "/it/skopeo-zstd:1";
            // zstd first: skopeo would reuse gzip blobs it already pushed to this registry for the same layers
            Registries.skopeoCopy("docker-archive:" + archive, "docker://" + zstd, "--format", "oci", "--dest-compress-format", "zstd");
            Registries.skopeoCopy("docker-archive:" + archive, "docker://" + gzip);
            assertThat(manifest(zstd)).contains("application/vnd.oci.image.layer.v1.tar+zstd");

            var zstdPull = Registries.pull(target.client(), zstd, null);
            assertThat(zstdPull.error()).isEmpty();
            assertThat(output(target.client(), zstd, "wc", "-c", "/marker.bin")).isEqualTo("4096 /marker.bin");
            var gzipPull = Registries.pull(target.client(), gzip, null);
            assertThat(gzipPull.error()).isEmpty();
            // same config, other blobs: the image is here already, only the tag is new
            assertThat(gzipPull.lines()).noneMatch(l -> l.endsWith(": Pull complete"))
                    .contains("Status: Downloaded newer image for " + gzip);
            assertThat(target.client().inspectImageCmd(gzip).exec().getId())
                    .isEqualTo(target.client().inspectImageCmd(zstd).exec().getId());
        } finally {
            Shell.run(List.of("rm", "-rf", dir.toString()));
        }
    }

    @Test
    void corruptedBlobIsRefusedAndNothingIsStored() throws Exception {
        String repo = registry.endpoint() + "/it/corrupt";
        commitUnique(repo, "1");
        assertThat(Registries.push(source.client(), repo, "1", null).error()).isEmpty();
        var layers = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"").matcher(manifest(repo + ":1")).results()
                .map(m -> m.group(1)).toList();
        String top = layers.getLast();
        Path data = registry.blobData(top);
        byte[] garbage = new byte[(int) Files.size(data)];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(data, garbage);

        var outcome = Registries.pull(target.client(), repo + ":1", null);
        assertThat(outcome.error()).contains("filesystem layer verification failed for digest " + top);
        assertThatThrownBy(() -> target.client().inspectImageCmd(repo + ":1").exec())
                .isInstanceOf(com.github.dockerjava.api.exception.NotFoundException.class);
        assertThat(target.dataRoot().resolve("image/blobs/sha256").resolve(top.substring(7))).doesNotExist();
        try (var files = Files.list(target.dataRoot().resolve("image/blobs/sha256"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.length() != 64);
        }
    }

    /** The manifest the plain registry serves for {@code host/repo:tag}, as JSON text. */
    private static String manifest(String reference) throws IOException, InterruptedException {
        String rest = reference.substring(reference.indexOf('/') + 1);
        String repo = rest.substring(0, rest.lastIndexOf(':'));
        String tag = rest.substring(rest.lastIndexOf(':') + 1);
        var request = HttpRequest.newBuilder(URI.create("http://" + registry.endpoint() + "/v2/" + repo + "/manifests/" + tag))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
