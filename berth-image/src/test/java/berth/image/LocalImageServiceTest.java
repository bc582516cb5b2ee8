package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.sys.LinuxOs;
import berth.sys.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalImageServiceTest {
    private static final byte[] BASE = new Tars().dir("etc").file("etc/keep", "k").file("etc/gone", "g")
            .dir("opt").file("opt/old", "o").build();
    private static final byte[] UPPER = new Tars().file("etc/.wh.gone", "").dir("opt").file("opt/.wh..wh..opq", "")
            .file("opt/new", "n").build();
    private static final byte[] OTHER_TOP = new Tars().file("other", "x").build();

    private final Os os = new LinuxOs();
    private Path root;
    private LocalImageService images;

    @BeforeEach
    void setUp() throws IOException {
        root = TestDirs.create("berth-images");
        images = LocalImageService.open(root, os);
    }

    @AfterEach
    void tearDown() throws IOException {
        images.close();
        for (Path mountPoint : MountTable.under(root)) os.unmount(mountPoint, Os.MNT_DETACH);
        TestDirs.delete(root);
    }

    private String loadBusybox(String... tags) {
        byte[] config = Tars.config(List.of(BASE, UPPER), Map.of("team", "core"), List.of("sh"));
        images.load(new ByteArrayInputStream(Tars.dockerSave(config, List.of(BASE, Tars.gzip(UPPER)), List.of(tags))));
        return Digest.sha256(config).toString();
    }

    private String loadOther(String tag) {
        byte[] config = Tars.config(List.of(BASE, OTHER_TOP), Map.of(), List.of("other"));
        images.load(new ByteArrayInputStream(Tars.dockerSave(config, List.of(BASE, OTHER_TOP), List.of(tag))));
        return Digest.sha256(config).toString();
    }

    private long layerDirs() throws IOException {
        try (var list = Files.list(root.resolve("overlay"))) {
            return list.filter(p -> p.getFileName().toString().length() == 64).count();
        }
    }

    @Test
    void dockerSaveLoadStacksLayersWithWhiteoutsInARealOverlay() {
        byte[] config = Tars.config(List.of(BASE, UPPER), Map.of(), List.of("sh"));
        List<String> lines = images.load(new ByteArrayInputStream(
                Tars.dockerSave(config, List.of(BASE, Tars.gzip(UPPER)), List.of("busybox:latest"))));
        assertThat(lines).containsExactly("Loaded image: busybox:latest");
        Image image = images.get("busybox");
        assertThat(image.id()).isEqualTo(Digest.sha256(config).toString());
        assertThat(image.repoTags()).containsExactly("busybox:latest");
        assertThat(image.config().cmd()).containsExactly("sh");
        assertThat(image.diffIds()).hasSize(2);

        Snapshot s = images.createSnapshot("c1", "busybox");
        assertThat(images.createSnapshot("c1", "busybox")).isEqualTo(s);
        images.mount("c1");
        images.mount("c1"); // already mounted (as after a daemon restart): a no-op
        Path merged = s.mergedDir();
        assertThat(merged.resolve("etc/keep")).hasContent("k");
        assertThat(merged.resolve("etc/gone")).doesNotExist();
        assertThat(merged.resolve("opt/old")).doesNotExist();
        assertThat(merged.resolve("opt/new")).hasContent("n");
        images.unmount("c1");
        images.unmount("c1");
        assertThat(MountTable.isMounted(merged)).isFalse();
        images.removeSnapshot("c1");
        assertThat(s.upperDir().getParent()).doesNotExist();
        assertThatThrownBy(() -> images.snapshot("c1")).isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void writesGoToTheUpperDirAndAreMeasured() throws IOException {
        loadBusybox("busybox:latest");
        Snapshot s = images.createSnapshot("c2", "busybox:latest");
        images.mount("c2");
        Files.writeString(s.mergedDir().resolve("hello"), "12345");
        assertThat(s.upperDir().resolve("hello")).hasContent("12345");
        assertThat(images.snapshotSize("c2")).isEqualTo(5);
        images.removeSnapshot("c2"); // unmounts first
        assertThat(MountTable.isMounted(s.mergedDir())).isFalse();
    }

    @Test
    void ociLayoutLoadNamesImagesFromAnnotations() {
        byte[] config = Tars.config(List.of(BASE), Map.of(), List.of("sh"));
        List<String> lines = images.load(new ByteArrayInputStream(Tars.ociLayout(config, List.of(Tars.gzip(BASE)),
                Map.of("io.containerd.image.name", "docker.io/library/alpine:3.20",
                        "org.opencontainers.image.ref.name", "3.20"))));
        assertThat(lines).containsExactly("Loaded image: alpine:3.20");
        byte[] bare = Tars.config(List.of(OTHER_TOP), Map.of(), List.of("x"));
        assertThat(images.load(new ByteArrayInputStream(Tars.ociLayout(bare, List.of(OTHER_TOP),
                Map.of("org.opencontainers.image.ref.name", "latest")))))
                .containsExactly("Loaded image ID: " + Digest.sha256(bare));
        assertThat(images.get("alpine:3.20").diffIds()).containsExactly(Digest.sha256(BASE).toString());
    }

    @Test
    void importBuildsAConfigFromChanges() throws IOException {
        Image image = images.importTar(new ByteArrayInputStream(Tars.gzip(BASE)), "localhost:5000/team/app:1",
                List.of("CMD sh -c x", "ENTRYPOINT [\"/bin/tini\", \"--\"]", "ENV A=1 B=\"two words\"", "ENV C three words",
                        "WORKDIR /app", "WORKDIR sub", "USER nobody", "LABEL k=v", "EXPOSE 80 53/udp", "VOLUME /data",
                        "STOPSIGNAL SIGQUIT"), "");
        var c = image.config();
        assertThat(c.cmd()).containsExactly("/bin/sh", "-c", "sh -c x");
        assertThat(c.entrypoint()).containsExactly("/bin/tini", "--");
        assertThat(c.env()).containsExactly("A=1", "B=two words", "C=three words");
        assertThat(c.workingDir()).isEqualTo("/app/sub");
        assertThat(c.user()).isEqualTo("nobody");
        assertThat(c.labels()).containsEntry("k", "v");
        assertThat(c.exposedPorts()).containsExactlyInAnyOrder("80/tcp", "53/udp");
        assertThat(c.volumes()).containsExactly("/data");
        assertThat(c.stopSignal()).isEqualTo("SIGQUIT");
        assertThat(image.repoTags()).containsExactly("localhost:5000/team/app:1");
        assertThat(image.architecture()).isEqualTo("amd64");
        assertThat(image.os()).isEqualTo("linux");
        assertThat(image.comment()).isEqualTo("Imported from -");
        assertThat(image.diffIds()).containsExactly(Digest.sha256(BASE).toString());
        byte[] stored = Files.readAllBytes(root.resolve("image/blobs/sha256/" + Digest.parse(image.id()).hex()));
        assertThat(Digest.sha256(stored).toString()).isEqualTo(image.id());
        assertThat(new String(stored)).contains("\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[", "\"ExposedPorts\":{");
    }

    @Test
    void importRefusesUnknownChanges() {
        assertThatThrownBy(() -> images.importTar(new ByteArrayInputStream(BASE), "", List.of("FROM busybox"), ""))
                .isInstanceOf(BerthException.InvalidArgument.class).hasMessage("from is not a valid change command");
    }

    @Test
    void importDetectsCompressionByMagic() throws IOException {
        var bz = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bz)) {
            out.write(BASE);
        }
        var zst = new java.io.ByteArrayOutputStream();
        try (var out = new com.github.luben.zstd.ZstdOutputStream(zst)) {
            out.write(BASE);
        }
        var xz = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.xz.XZCompressorOutputStream(xz)) {
            out.write(BASE);
        }
        for (byte[] archive : List.of(bz.toByteArray(), zst.toByteArray(), xz.toByteArray(), BASE))
            assertThat(images.importTar(new ByteArrayInputStream(archive), "", List.of(), "m").diffIds())
                    .containsExactly(Digest.sha256(BASE).toString());
    }

    @Test
    void layersAreUnpackedOnceAndShared() throws IOException {
        loadBusybox("busybox:latest");
        Path base = root.resolve("overlay").resolve(Digest.sha256(BASE).hex()).resolve("diff");
        Files.writeString(base.resolve("marker"), "first unpack");
        loadOther("other:1");
        assertThat(base.resolve("marker")).exists(); // not unpacked again
        assertThat(layerDirs()).isEqualTo(3);
        images.remove("other:1", false, false, id -> Optional.empty());
        assertThat(layerDirs()).isEqualTo(2);
        assertThat(base).exists();
    }

    @Test
    void lookupByReferenceIdAndPrefix() {
        String id = loadBusybox("busybox:latest");
        String hex = id.substring(7);
        for (String name : List.of("busybox", "busybox:latest", "docker.io/library/busybox", "library/busybox:latest",
                id, hex, hex.substring(0, 12), "sha256:" + hex.substring(0, 5)))
            assertThat(images.get(name).id()).as(name).isEqualTo(id);
        assertThatThrownBy(() -> images.get("nope")).isInstanceOf(BerthException.NotFound.class)
                .hasMessage("No such image: nope");
        assertThatThrownBy(() -> images.get("busybox:1.36")).isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void tagListAndFilters() {
        String busybox = loadBusybox("busybox:latest");
        String other = loadOther("other:1");
        images.tag("busybox", "localhost:5000/team/box", "v1");
        images.tag(other, "other", "");
        assertThat(images.get(busybox).repoTags()).containsExactly("busybox:latest", "localhost:5000/team/box:v1");
        assertThat(images.list(false, Map.of())).hasSize(2);
        assertThat(images.list(false, Map.of("label", List.of("team=core")))).extracting(Image::id).containsExactly(busybox);
        assertThat(images.list(false, Map.of("label", List.of("team")))).extracting(Image::id).containsExactly(busybox);
        List<Image> byRef = images.list(false, Map.of("reference", List.of("localhost:5000/*/*")));
        assertThat(byRef).singleElement().satisfies(i -> assertThat(i.repoTags()).containsExactly("localhost:5000/team/box:v1"));
        assertThat(images.list(false, Map.of("reference", List.of("other")))).extracting(Image::id).containsExactly(other);
        assertThat(images.list(false, Map.of("dangling", List.of("true")))).isEmpty();
        assertThatThrownBy(() -> images.list(false, Map.of("bogus", List.of("x"))))
                .isInstanceOf(BerthException.InvalidArgument.class);
        assertThatThrownBy(() -> images.tag("busybox", "Bad Name", "x")).isInstanceOf(BerthException.InvalidArgument.class);
        assertThatThrownBy(() -> images.tag("missing", "x", "y")).isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void removeFollowsDockerRules() throws IOException {
        String id = loadBusybox("busybox:latest");
        images.tag(id, "busybox", "1.36");
        images.tag(id, "mirror/busybox", "latest");
        assertThat(images.remove("busybox:1.36", false, false, i -> Optional.empty()))
                .containsExactly(ImageService.DeleteItem.untagged("busybox:1.36"));
        assertThatThrownBy(() -> images.remove(id, false, false, i -> Optional.empty()))
                .isInstanceOf(BerthException.Conflict.class)
                .hasMessage("conflict: unable to delete " + id.substring(7, 19)
                        + " (must be forced) - image is referenced in multiple repositories");
        images.remove("mirror/busybox", false, false, i -> Optional.empty());
        String container = "a".repeat(64);
        assertThatThrownBy(() -> images.remove("busybox", false, false, i -> Optional.of(ImageService.ImageUser.stopped(container))))
                .isInstanceOf(BerthException.Conflict.class)
                .hasMessage("conflict: unable to remove repository reference \"busybox\" (must force) - container "
                        + "aaaaaaaaaaaa is using its referenced image " + id.substring(7, 19));
        List<ImageService.DeleteItem> items = images.remove("busybox", false, false, i -> Optional.empty());
        assertThat(items).extracting(ImageService.DeleteItem::untagged).first().isEqualTo("busybox:latest");
        assertThat(items.stream().skip(1).map(ImageService.DeleteItem::deleted).toList()).containsExactly(id, LayerStore.chainIds(diffIds()).get(1),
                        Digest.sha256(BASE).toString());
        assertThat(layerDirs()).isZero();
        assertThat(images.list(true, Map.of())).isEmpty();
        try (var blobs = Files.list(root.resolve("image/blobs/sha256"))) {
            assertThat(blobs).isEmpty();
        }
    }

    private static List<String> diffIds() {
        return List.of(Digest.sha256(BASE).toString(), Digest.sha256(UPPER).toString());
    }

    @Test
    void forcedRemovalOfAnImageARunningContainerUsesOnlyUntags() {
        String id = loadBusybox("busybox:latest");
        images.createSnapshot("c3", id);
        assertThat(images.remove("busybox", true, false, i -> Optional.of(new ImageService.ImageUser("c".repeat(64), true))))
                .containsExactly(ImageService.DeleteItem.untagged("busybox:latest"));
        assertThat(images.get(id).repoTags()).isEmpty();
        assertThat(images.list(false, Map.of("dangling", List.of("true")))).extracting(Image::id).containsExactly(id);
        assertThatThrownBy(() -> images.remove(id, false, false, i -> Optional.of(ImageService.ImageUser.stopped("c".repeat(64))))).isInstanceOf(BerthException.Conflict.class);
    }

    @Test
    void snapshotPinsLayersEvenWhenItsImageGoes() throws IOException {
        String id = loadBusybox("busybox:latest");
        Snapshot s = images.createSnapshot("c4", id);
        images.remove(id, true, false, i -> Optional.empty());
        assertThat(s.lowerDirs()).allSatisfy(d -> assertThat(d).isDirectory());
        images.mount("c4");
        assertThat(s.mergedDir().resolve("etc/keep")).exists();
    }

    @Test
    void imageWithoutLayersMountsOnAnEmptyLower() {
        byte[] config = Tars.config(List.of(), Map.of(), List.of("true"));
        images.load(new ByteArrayInputStream(Tars.dockerSave(config, List.of(), List.of("scratchy:1"))));
        Snapshot s = images.createSnapshot("c5", "scratchy:1");
        assertThat(s.lowerDirs()).containsExactly(root.resolve("overlay/empty/diff"));
        images.mount("c5");
        assertThat(MountTable.isMounted(s.mergedDir())).isTrue();
    }

    @Test
    void corruptLayerIsRefusedAndLeavesNothing() throws IOException {
        byte[] config = Tars.config(List.of(BASE), Map.of(), List.of("sh"));
        byte[] archive = Tars.dockerSave(config, List.of(OTHER_TOP), List.of("liar:1"));
        assertThatThrownBy(() -> images.load(new ByteArrayInputStream(archive)))
                .isInstanceOf(BerthException.InvalidArgument.class).hasMessageContaining("diff ID");
        assertThat(layerDirs()).isZero();
        try (var list = Files.list(root.resolve("overlay"))) {
            assertThat(list.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
        assertThatThrownBy(() -> images.get("liar:1")).isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void openRemovesWhatACrashLeftBehind() throws IOException {
        String id = loadBusybox("busybox:latest");
        Path overlay = root.resolve("overlay");
        Files.createDirectories(overlay.resolve(".tmp-123/diff"));
        Files.createDirectories(overlay.resolve("f".repeat(64)).resolve("diff"));
        Files.createDirectories(root.resolve("image/tmp/load-1"));
        Path strayBlob = Files.writeString(root.resolve("image/blobs/sha256/" + "e".repeat(64)), "stray");
        images.close();
        images = LocalImageService.open(root, os);
        assertThat(overlay.resolve(".tmp-123")).doesNotExist();
        assertThat(overlay.resolve("f".repeat(64))).doesNotExist();
        assertThat(root.resolve("image/tmp")).doesNotExist();
        assertThat(strayBlob).doesNotExist();
        assertThat(images.get("busybox").id()).isEqualTo(id);
        assertThat(layerDirs()).isEqualTo(2);
    }
}
