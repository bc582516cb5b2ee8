package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.common.Json;
import berth.sys.LinuxOs;
import berth.sys.Os;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** history, save, prune, disk usage and Docker's rmi rules on a real store (overlay layers, SQLite index). */
class ImageManagementTest {
    private static final byte[] BASE = new Tars().dir("etc").file("etc/keep", "k").build();
    private static final byte[] TOP = new Tars().file("top", "t").build();
    private static final byte[] OTHER = new Tars().file("other", "o").build();

    private final Os os = new LinuxOs();
    private Path root;
    private LocalImageService images;

    @BeforeEach
    void setUp() throws IOException {
        root = TestDirs.create("berth-imgmgmt");
        images = LocalImageService.open(root, os);
    }

    @AfterEach
    void tearDown() throws IOException {
        images.close();
        for (Path mountPoint : MountTable.under(root)) os.unmount(mountPoint, Os.MNT_DETACH);
        TestDirs.delete(root);
    }

    /** An image of BASE and {@code top} (gzipped in the archive, so its stored blob is compressed). */
    private String load(byte[] top, Map<String, String> labels, String... tags) {
        byte[] config = withHistory(Tars.config(List.of(BASE, top), labels, List.of("sh")));
        images.load(new ByteArrayInputStream(Tars.dockerSave(config, List.of(BASE, Tars.gzip(top)), List.of(tags))));
        return Digest.sha256(config).toString();
    }

    /** Three history entries: a layer, an empty-layer ENV, a layer. */
    private static byte[] withHistory(byte[] config) {
        try {
            ObjectNode root = (ObjectNode) Json.oci().readTree(config);
            var h = root.putArray("history");
            h.addObject().put("created", "2024-01-01T00:00:00Z").put("created_by", "ADD rootfs /");
            h.addObject().put("created", "2024-01-02T00:00:00Z").put("created_by", "ENV A=b").put("empty_layer", true);
            h.addObject().put("created", "2024-01-03T00:00:00Z").put("created_by", "RUN make").put("comment", "built");
            return Json.oci().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long layerDirs() throws IOException {
        try (var list = Files.list(root.resolve("overlay"))) {
            return list.filter(p -> p.getFileName().toString().length() == 64).count();
        }
    }

    private long blobCount() throws IOException {
        try (var list = Files.list(root.resolve("image/blobs/sha256"))) {
            return list.count();
        }
    }

    @Test
    void historyIsNewestFirstWithLayerSizesAndOnlyTheTopNamed() {
        String id = load(TOP, Map.of(), "app:1", "app:2");
        List<ImageService.HistoryItem> h = images.history("app:1");
        assertThat(h).extracting(ImageService.HistoryItem::createdBy).containsExactly("RUN make", "ENV A=b", "ADD rootfs /");
        assertThat(h).extracting(ImageService.HistoryItem::id).containsExactly(id, "<missing>", "<missing>");
        assertThat(h.getFirst().tags()).containsExactly("app:1", "app:2");
        assertThat(h.get(1).tags()).isEmpty();
        assertThat(h.get(1).size()).isZero();
        assertThat(h.getFirst().size()).isPositive();
        assertThat(h.get(2).size()).isPositive();
        assertThat(h.getFirst().comment()).isEqualTo("built");
        assertThat(h.get(2).created()).isEqualTo(java.time.Instant.parse("2024-01-01T00:00:00Z").getEpochSecond());
    }

    /** The archive's entries by name. */
    private static Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry())
                if (!e.isDirectory()) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    private byte[] save(String... names) throws IOException {
        var out = new ByteArrayOutputStream();
        try (SavedImages saved = images.save(List.of(names))) {
            saved.writeTo(out);
        }
        return out.toByteArray();
    }

    @Test
    void saveWritesDockerAndOciIndexesWithUncompressedLayersOnce() throws IOException {
        String app = load(TOP, Map.of(), "app:1");
        String other = load(OTHER, Map.of(), "localhost:5000/team/other:v2");
        Map<String, byte[]> files = untar(save("app:1", "localhost:5000/team/other:v2"));

        List<String> layers = files.keySet().stream().filter(n -> n.startsWith("blobs/")).toList();
        assertThat(layers).doesNotHaveDuplicates()
                .contains("blobs/sha256/" + Digest.sha256(BASE).hex(), "blobs/sha256/" + Digest.sha256(TOP).hex(),
                        "blobs/sha256/" + app.substring(7), "blobs/sha256/" + other.substring(7));
        files.forEach((name, data) -> {
            if (name.startsWith("blobs/sha256/")) assertThat(Digest.sha256(data).hex()).isEqualTo(name.substring(13));
        });
        JsonNode manifest = Json.oci().readTree(files.get("manifest.json"));
        assertThat(manifest).hasSize(2);
        assertThat(manifest.get(0).path("RepoTags").get(0).asText()).isEqualTo("app:1");
        assertThat(manifest.get(0).path("Layers")).hasSize(2);
        assertThat(manifest.get(1).path("Layers").get(0).asText()).isEqualTo(manifest.get(0).path("Layers").get(0).asText());
        JsonNode index = Json.oci().readTree(files.get("index.json"));
        assertThat(index.path("manifests").findValuesAsText("io.containerd.image.name"))
                .containsExactly("docker.io/library/app:1", "localhost:5000/team/other:v2");
        assertThat(index.path("manifests").findValuesAsText("org.opencontainers.image.ref.name")).containsExactly("1", "v2");
        assertThat(new String(files.get("oci-layout"))).contains("1.0.0");
        assertThat(Json.oci().readTree(files.get("repositories")).path("app").path("1").asText())
                .isEqualTo(Digest.sha256(TOP).hex());
    }

    @Test
    void savedArchiveLoadsBackAfterRemoval() throws IOException {
        String app = load(TOP, Map.of(), "app:1", "app:2");
        byte[] tar = save("app");
        assertThat(Json.oci().readTree(untar(tar).get("manifest.json")).get(0).path("RepoTags"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("app:1", "app:2");
        images.remove(app, true, false, i -> Optional.empty());
        assertThat(images.load(new ByteArrayInputStream(tar))).containsExactlyInAnyOrder("Loaded image: app:1", "Loaded image: app:2");
        assertThat(images.get("app:2").id()).isEqualTo(app);
        images.createSnapshot("c1", app);
        images.mount("c1");
        assertThat(images.snapshot("c1").mergedDir().resolve("top")).hasContent("t");
    }

    /** docker save | docker load against one daemon: the load is reading when the save must choose its images. */
    @Test
    void saveCanFeedALoadThatIsAlreadyWaitingForItsArchive() throws Exception {
        String app = load(TOP, Map.of(), "app:1");
        var pipeIn = new java.io.PipedInputStream(1 << 16);
        var pipeOut = new java.io.PipedOutputStream(pipeIn);
        var reading = new java.util.concurrent.CountDownLatch(1);
        InputStream archive = new java.io.FilterInputStream(pipeIn) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                reading.countDown();
                return super.read(b, off, len);
            }
        };
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var loaded = executor.submit(() -> images.load(archive));
            reading.await();
            var saving = executor.submit(() -> {
                try (SavedImages saved = images.save(List.of("app:1")); pipeOut) {
                    saved.writeTo(pipeOut);
                }
                return null;
            });
            try {
                saving.get(60, java.util.concurrent.TimeUnit.SECONDS); // a deadlock shows as a timeout, not a slow run
            } finally {
                pipeOut.close(); // after a timeout, the load sees the end of its archive and lets go
            }
            assertThat(loaded.get(60, java.util.concurrent.TimeUnit.SECONDS)).containsExactly("Loaded image: app:1");
        }
        assertThat(images.get("app:1").id()).isEqualTo(app);
    }

    /** docker export | docker import: the import is reading while the export needs the store (its mount). */
    @Test
    void anImportWaitingForItsTarDoesNotHoldTheStore() throws Exception {
        load(TOP, Map.of(), "app:1");
        var pipeIn = new java.io.PipedInputStream(1 << 16);
        var pipeOut = new java.io.PipedOutputStream(pipeIn);
        var reading = new java.util.concurrent.CountDownLatch(1);
        InputStream tar = new java.io.FilterInputStream(pipeIn) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                reading.countDown();
                return super.read(b, off, len);
            }
        };
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var imported = executor.submit(() -> images.importTar(tar, "imported:1", List.of(), ""));
            reading.await();
            var other = executor.submit(() -> {
                images.createSnapshot("c1", "app:1"); // takes the store's lock, as an export's mount does
                try (pipeOut) {
                    pipeOut.write(OTHER);
                }
                return null;
            });
            try {
                other.get(60, java.util.concurrent.TimeUnit.SECONDS); // a deadlock shows as a timeout, not a slow run
            } finally {
                pipeOut.close(); // after a timeout, the import sees the end of its tar and lets go
            }
            assertThat(imported.get(60, java.util.concurrent.TimeUnit.SECONDS).repoTags()).containsExactly("imported:1");
        }
    }

    @Test
    void saveByIdIsUnnamedAndUnknownNamesFailBeforeWriting() throws IOException {
        String app = load(TOP, Map.of(), "app:1");
        JsonNode manifest = Json.oci().readTree(untar(save(app.substring(7, 19))).get("manifest.json"));
        assertThat(manifest.get(0).path("RepoTags").isNull()).isTrue();
        assertThatThrownBy(() -> images.save(List.of("app:1", "nope:1"))).isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void rmiFollowsDockerForRunningAndStoppedContainers() throws IOException {
        String app = load(TOP, Map.of(), "app:1");
        var running = Optional.of(new ImageService.ImageUser("r".repeat(64), true));
        var stopped = Optional.of(ImageService.ImageUser.stopped("s".repeat(64)));
        assertThatThrownBy(() -> images.remove(app, true, false, i -> running))
                .hasMessage("conflict: unable to delete " + app.substring(7, 19)
                        + " (cannot be forced) - image is being used by running container rrrrrrrrrrrr");
        assertThatThrownBy(() -> images.remove(app, false, false, i -> stopped))
                .hasMessage("conflict: unable to delete " + app.substring(7, 19)
                        + " (must be forced) - image is being used by stopped container ssssssssssss");
        images.tag(app, "app", "2");
        assertThatThrownBy(() -> images.remove(app, false, false, i -> Optional.empty()))
                .isInstanceOf(BerthException.Conflict.class).hasMessageContaining("referenced in multiple repositories");
        // by tag with force: a stopped user does not keep the image (Docker deletes it)
        assertThat(images.remove("app:2", false, false, i -> stopped)).containsExactly(ImageService.DeleteItem.untagged("app:2"));
        images.createSnapshot("c1", app);
        assertThat(images.remove("app:1", true, false, i -> stopped))
                .extracting(ImageService.DeleteItem::deleted).contains(app);
        // the container's snapshot keeps the layers until it goes; then they go too
        assertThat(layerDirs()).isEqualTo(2);
        images.removeSnapshot("c1");
        assertThat(layerDirs()).isZero();
        assertThat(blobCount()).isZero();
    }

    @Test
    void repoDigestsAreReferencesToo() {
        String app = load(TOP, Map.of(), "localhost:5000/app:1");
        String digest = "localhost:5000/app@sha256:" + "d".repeat(64);
        images.tag(app, "other", "1");
        var index = ImageIndex.open(root.resolve("image/images.db"));
        try (index) {
            index.addRepoDigest(digest, app);
        }
        // by ID: a tag and a digest of one repository plus a tag of another: several names
        assertThatThrownBy(() -> images.remove(app, false, false, i -> Optional.empty()))
                .hasMessageContaining("referenced in multiple repositories");
        assertThat(images.remove("other:1", false, false, i -> Optional.empty()))
                .containsExactly(ImageService.DeleteItem.untagged("other:1"));
        // the repository's last tag takes its digest with it, then the image
        assertThat(images.remove("localhost:5000/app:1", false, false, i -> Optional.empty()))
                .startsWith(ImageService.DeleteItem.untagged("localhost:5000/app:1"), ImageService.DeleteItem.untagged(digest),
                        ImageService.DeleteItem.deleted(app));
    }

    @Test
    void removingADigestReferenceKeepsAnImageThatIsStillTagged() {
        String app = load(TOP, Map.of(), "localhost:5000/app:1");
        String digest = "localhost:5000/app@sha256:" + "e".repeat(64);
        try (var index = ImageIndex.open(root.resolve("image/images.db"))) {
            index.addRepoDigest(digest, app);
        }
        assertThat(images.remove(digest, false, false, i -> Optional.empty()))
                .containsExactly(ImageService.DeleteItem.untagged(digest));
        assertThat(images.get(app).repoTags()).containsExactly("localhost:5000/app:1");
        assertThat(images.remove(app, false, false, i -> Optional.empty()))
                .startsWith(ImageService.DeleteItem.untagged("localhost:5000/app:1"), ImageService.DeleteItem.deleted(app));
    }

    @Test
    void sharedLayersStayUntilTheLastImageGoes() throws IOException {
        String app = load(TOP, Map.of(), "app:1");
        String other = load(OTHER, Map.of(), "other:1");
        assertThat(layerDirs()).isEqualTo(3);
        assertThat(images.remove("app:1", false, false, i -> Optional.empty()))
                .extracting(ImageService.DeleteItem::deleted).containsExactly(null, app, LayerStore.chainIds(
                        List.of(Digest.sha256(BASE).toString(), Digest.sha256(TOP).toString())).get(1));
        assertThat(layerDirs()).isEqualTo(2);
        assertThat(root.resolve("overlay").resolve(Digest.sha256(BASE).hex())).isDirectory();
        images.remove(other, false, false, i -> Optional.empty());
        assertThat(layerDirs()).isZero();
        assertThat(blobCount()).isZero();
    }

    @Test
    void pruneTakesDanglingImagesOrAllUnusedOnes() {
        String app = load(TOP, Map.of("keep", "no"), "app:1");
        String dangling = load(OTHER, Map.of(), "tmp:1");
        images.remove("tmp:1", true, false, i -> Optional.of(new ImageService.ImageUser("", true)));
        assertThat(images.get(dangling).repoTags()).isEmpty();

        var none = images.prune(false, i -> true, Set.of(dangling));
        assertThat(none.deleted()).isEmpty();
        var report = images.prune(false, i -> true, Set.of());
        assertThat(report.deleted()).extracting(ImageService.DeleteItem::deleted).contains(dangling);
        assertThat(report.spaceReclaimed()).isPositive();
        assertThat(images.list(true, Map.of())).extracting(Image::id).containsExactly(app);

        assertThat(images.prune(true, i -> i.config().labels().containsKey("other"), Set.of()).deleted()).isEmpty();
        var all = images.prune(true, i -> true, Set.of());
        assertThat(all.deleted()).first().isEqualTo(ImageService.DeleteItem.untagged("app:1"));
        assertThat(all.deleted()).extracting(ImageService.DeleteItem::deleted).contains(app);
        assertThat(images.list(true, Map.of())).isEmpty();
    }

    @Test
    void untilKeepsImagesCreatedBeforeATimestampOrDuration() {
        String app = load(TOP, Map.of(), "app:1"); // created 2024-05-06T07:08:09Z
        assertThat(images.list(false, Map.of("until", List.of("2024-05-07T00:00:00Z")))).extracting(Image::id).containsExactly(app);
        assertThat(images.list(false, Map.of("until", List.of("1714978000")))).isEmpty();
        assertThat(images.list(false, Map.of("until", List.of("10m")))).extracting(Image::id).containsExactly(app);
        var now = java.time.Instant.parse("2024-05-06T08:38:09.5Z");
        assertThat(ImageFilters.timestamp("1h30m0.5s", now)).isEqualTo(java.time.Instant.parse("2024-05-06T07:08:09Z"));
        assertThat(ImageFilters.timestamp("1714979289.25", now)).isEqualTo(java.time.Instant.parse("2024-05-06T07:08:09.25Z"));
        assertThatThrownBy(() -> images.list(false, Map.of("until", List.of("soon")))).isInstanceOf(BerthException.InvalidArgument.class);
        assertThatThrownBy(() -> images.list(false, Map.of("dangling", List.of("1")))).isInstanceOf(BerthException.InvalidArgument.class);
    }

    @Test
    void diskUsageCountsEachLayerOnceAndSharedSizes() {
        String app = load(TOP, Map.of(), "app:1");
        String other = load(OTHER, Map.of(), "other:1");
        var usage = images.diskUsage();
        long base = images.history(app).getLast().size();
        long top = images.history(app).getFirst().size();
        long otherTop = images.history(other).getFirst().size();
        assertThat(usage.layersSize()).isEqualTo(base + top + otherTop);
        assertThat(usage.sharedSizes()).containsEntry(app, base).containsEntry(other, base);
    }
}
