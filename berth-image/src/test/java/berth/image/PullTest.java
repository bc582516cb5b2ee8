package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.registry.Credentials;
import berth.registry.MediaTypes;
import berth.sys.LinuxOs;
import berth.sys.Os;
import com.github.luben.zstd.Zstd;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pulls from a registry of canned documents (JDK HTTP server): index, platforms, gzip and zstd layers, a lying blob. */
class PullTest {
    private static final byte[] BASE = new Tars().dir("etc").file("etc/os", "base").build();
    private static final byte[] TOP = new Tars().file("app", "amd64 app").build();
    private static final byte[] ARM_TOP = new Tars().file("app", "arm64 app").build();
    private final Os os = new LinuxOs();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, String[]> manifests = new ConcurrentHashMap<>();
    private final List<Progress.Event> events = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private Path root;
    private LocalImageService images;
    private String amd64Config;
    private String armConfig;
    private String indexDigest;

    @BeforeEach
    void setUp() throws IOException {
        root = TestDirs.create("berth-pull");
        // the JDK's HTTP server never answers a TLS hello: a short probe finds it speaks plain HTTP
        images = LocalImageService.open(root, os, new berth.registry.RegistryConfig(List.of(), java.time.Duration.ofMillis(200)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                String last = path.substring(path.lastIndexOf('/') + 1);
                byte[] body;
                String type = "application/octet-stream";
                if (path.contains("/manifests/") && manifests.containsKey(last)) {
                    type = manifests.get(last)[0];
                    body = manifests.get(last)[1].getBytes(StandardCharsets.UTF_8);
                } else if (path.contains("/blobs/") && blobs.containsKey(last)) {
                    body = blobs.get(last);
                } else {
                    body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes();
                    ex.sendResponseHeaders(404, body.length);
                    ex.getResponseBody().write(body);
                    return;
                }
                ex.getResponseHeaders().set("Content-Type", type);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        amd64Config = image(List.of(Tars.gzip(BASE), Zstd.compress(TOP)), List.of(BASE, TOP), "amd64",
                List.of(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD));
        armConfig = image(List.of(Tars.gzip(BASE), Tars.gzip(ARM_TOP)), List.of(BASE, ARM_TOP), "arm64",
                List.of(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_GZIP));
        String index = """
                {"schemaVersion":2,"mediaType":"%s","manifests":[
                 {"mediaType":"%s","digest":"%s","size":1,"platform":{"os":"linux","architecture":"arm64"}},
                 {"mediaType":"%s","digest":"%s","size":1,"platform":{"os":"linux","architecture":"%s"}}]}"""
                .formatted(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, manifestOf(armConfig), MediaTypes.OCI_MANIFEST,
                        manifestOf(amd64Config), Platform.architecture());
        indexDigest = Digest.sha256(index.getBytes(StandardCharsets.UTF_8)).toString();
        manifests.put("1", new String[]{MediaTypes.OCI_INDEX, index});
        manifests.put(indexDigest, new String[]{MediaTypes.OCI_INDEX, index});
    }

    private final Map<String, String> manifestByConfig = new ConcurrentHashMap<>();

    /** Serves blobs, config and manifest of one image; returns the config digest (the image ID). */
    private String image(List<byte[]> layerBlobs, List<byte[]> plainLayers, String arch, List<String> types) {
        byte[] config = Tars.config(plainLayers, Map.of(), List.of("sh")).clone();
        config = new String(config, StandardCharsets.UTF_8).replace("\"amd64\"", "\"" + arch + "\"").getBytes(StandardCharsets.UTF_8);
        String configDigest = Digest.sha256(config).toString();
        blobs.put(configDigest, config);
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < layerBlobs.size(); i++) {
            String d = Digest.sha256(layerBlobs.get(i)).toString();
            blobs.put(d, layerBlobs.get(i));
            layers.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(types.get(i)).append("\",\"digest\":\"")
                    .append(d).append("\",\"size\":").append(layerBlobs.get(i).length).append('}');
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[" + layers + "]}";
        String digest = Digest.sha256(manifest.getBytes(StandardCharsets.UTF_8)).toString();
        manifests.put(digest, new String[]{MediaTypes.OCI_MANIFEST, manifest});
        manifestByConfig.put(configDigest, digest);
        return configDigest;
    }

    private String manifestOf(String config) {
        return manifestByConfig.get(config);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.stop(0);
        images.close();
        TestDirs.delete(root);
    }

    private String ref() {
        return "127.0.0.1:" + server.getAddress().getPort() + "/team/app";
    }

    private List<String> statuses() {
        return events.stream().map(e -> (e.id().isEmpty() ? "" : e.id() + ": ") + e.status()).toList();
    }

    @Test
    void pullsTheHostsPlatformFromAnIndexWithGzipAndZstdLayers() {
        images.pull(new PullRequest(ref() + ":1", false, "", Credentials.anonymous()), events::add);
        var image = images.get(ref() + ":1");
        assertThat(image.id()).isEqualTo(amd64Config);
        assertThat(image.repoTags()).containsExactly(ref() + ":1");
        assertThat(image.repoDigests()).containsExactly(ref() + "@" + indexDigest);
        assertThat(images.get(ref() + "@" + indexDigest).id()).isEqualTo(amd64Config);
        assertThat(statuses()).startsWith("1: Pulling from team/app")
                .endsWith("Digest: " + indexDigest, "Status: Downloaded newer image for " + ref() + ":1");
        assertThat(statuses()).filteredOn(s -> s.endsWith("Pull complete")).hasSize(2);

        events.clear();
        images.pull(new PullRequest(ref() + ":1", false, "", Credentials.anonymous()), events::add);
        assertThat(statuses()).containsExactly("1: Pulling from team/app", "Digest: " + indexDigest,
                "Status: Image is up to date for " + ref() + ":1");

        events.clear();
        images.pull(new PullRequest(ref() + ":1", false, "linux/arm64", Credentials.anonymous()), events::add);
        assertThat(images.get(ref() + ":1").id()).isEqualTo(armConfig);
        assertThat(statuses()).filteredOn(s -> s.endsWith("Already exists")).hasSize(1);
    }

    @Test
    void aBlobThatIsNotItsDigestIsRefusedAndNothingIsStored() throws IOException {
        String topDigest = blobs.keySet().stream().filter(d -> java.util.Arrays.equals(blobs.get(d), Zstd.compress(TOP)))
                .findFirst().orElseThrow();
        byte[] evil = Zstd.compress(new Tars().file("app", "evil app!").build());
        blobs.put(topDigest, java.util.Arrays.copyOf(evil, blobs.get(topDigest).length));
        assertThatThrownBy(() -> images.pull(new PullRequest(ref() + ":1", false, "", Credentials.anonymous()), events::add))
                .isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessage("filesystem layer verification failed for digest " + topDigest);
        assertThat(images.list(true, Map.of())).isEmpty();
        assertThat(root.resolve("image/blobs/sha256").resolve(topDigest.substring(7))).doesNotExist();
        try (var files = Files.list(root.resolve("image/blobs/sha256"))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.length() == 64);
        }
    }

    @Test
    void removingThePulledImageRemovesItsBlobs() throws IOException {
        images.pull(new PullRequest(ref() + ":1", false, "", Credentials.anonymous()), events::add);
        images.remove(ref() + ":1", false, false, id -> java.util.Optional.empty());
        try (var files = Files.list(root.resolve("image/blobs/sha256"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void missingTagIsDockersNotFound() {
        assertThatThrownBy(() -> images.pull(new PullRequest(ref() + ":2", false, "", Credentials.anonymous()), events::add))
                .isInstanceOf(BerthException.NotFound.class)
                .hasMessage("manifest for " + ref() + ":2 not found: manifest unknown: manifest unknown");
        assertThat(events).isEmpty();
    }
}
