package berth.image;

import berth.common.BerthException;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker diff and docker commit over a real overlay: whiteouts, opaque directories, a restart. */
class ContainerLayerTest {
    // etc/gone is whited out and opt is opaque in the second layer
    private static final byte[] BASE = new Tars().dir("etc").file("etc/keep", "k").file("etc/gone", "g")
            .dir("opt").file("opt/old", "o").build();
    private static final byte[] UPPER = new Tars().file("etc/.wh.gone", "").dir("opt").file("opt/.wh..wh..opq", "")
            .file("opt/new", "n").build();

    private final Os os = new LinuxOs();
    private Path root;
    private LocalImageService images;

    @BeforeEach
    void setUp() throws IOException {
        root = TestDirs.create("berth-layer");
        images = LocalImageService.open(root, os);
        byte[] config = Tars.config(List.of(BASE, UPPER), Map.of(), List.of("sh"));
        images.load(new ByteArrayInputStream(Tars.dockerSave(config, List.of(BASE, UPPER), List.of("base:1"))));
    }

    @AfterEach
    void tearDown() throws IOException {
        images.close();
        for (Path mountPoint : MountTable.under(root)) os.unmount(mountPoint, Os.MNT_DETACH);
        TestDirs.delete(root);
    }

    /** Adds, deletes and replaces in the container's view; returns its merged directory. */
    private Path changeContainer(String id) throws IOException {
        Snapshot s = images.createSnapshot(id, "base:1");
        images.mount(id);
        Path merged = s.mergedDir();
        Files.delete(merged.resolve("etc/keep"));
        Files.delete(merged.resolve("etc"));
        Files.createDirectory(merged.resolve("etc")); // overlayfs makes it opaque
        Files.writeString(merged.resolve("etc/fresh"), "fresh");
        Files.createDirectories(merged.resolve("newdir"));
        Files.writeString(merged.resolve("newdir/f"), "f");
        Files.delete(merged.resolve("opt/new")); // a whiteout
        return merged;
    }

    @Test
    void changesFollowDockersRules() throws IOException {
        changeContainer("c1");
        assertThat(images.changes("c1")).extracting(c -> c.kind().letter() + " " + c.path()).containsExactly(
                "C /etc", "A /etc/fresh", "A /newdir", "A /newdir/f", "C /opt", "D /opt/new");
    }

    @Test
    void aFileChangedInPlaceIsModifiedAndItsUnchangedParentIsNotListed() throws IOException {
        Snapshot s = images.createSnapshot("c2", "base:1");
        images.mount("c2");
        assertThat(images.changes("c2")).isEmpty();
        try (var out = Files.newOutputStream(s.mergedDir().resolve("opt/new"), java.nio.file.StandardOpenOption.APPEND)) {
            out.write('!');
        }
        assertThat(images.changes("c2")).extracting(c -> c.kind().letter() + " " + c.path())
                .containsExactly("C /opt/new");
    }

    @Test
    void commitAddsOneLayerAndSurvivesARestart() throws IOException {
        changeContainer("c3");
        var config = new Image.ImageConfig("", List.of("PATH=/bin"), List.of("sh"), List.of(), "", Map.of("a", "b"),
                List.of(), List.of(), "", List.of());
        Image image = images.commit("c3", new CommitSpec(config, List.of("CMD [\"cat\", \"/etc/fresh\"]", "ENV A=1"),
                "committed:1", "a comment", "me", "sh"));
        assertThat(image.repoTags()).containsExactly("committed:1");
        assertThat(image.config().cmd()).containsExactly("cat", "/etc/fresh");
        assertThat(image.config().env()).containsExactly("PATH=/bin", "A=1");
        assertThat(image.config().labels()).containsEntry("a", "b");
        assertThat(image.diffIds()).hasSize(3).startsWith(images.get("base:1").diffIds().toArray(String[]::new));
        assertThat(image.comment()).isEqualTo("a comment");
        assertThat(image.author()).isEqualTo("me");

        images.close();
        images = LocalImageService.open(root, os); // collects garbage: the new layer and blobs must be known
        assertThat(images.get("committed:1").id()).isEqualTo(image.id());
        Snapshot s = images.createSnapshot("c4", "committed:1");
        images.mount("c4");
        Path merged = s.mergedDir();
        assertThat(merged.resolve("etc/fresh")).hasContent("fresh");
        assertThat(merged.resolve("etc/keep")).doesNotExist();
        assertThat(merged.resolve("newdir/f")).hasContent("f");
        assertThat(merged.resolve("opt/new")).doesNotExist();
        assertThat(merged.resolve("opt")).isDirectory();
        assertThat(images.changes("c4")).isEmpty();
    }

    @Test
    void commitOfAnUnchangedContainerAddsAnEmptyLayer() {
        images.createSnapshot("c5", "base:1");
        Image image = images.commit("c5", new CommitSpec(Image.ImageConfig.empty(), List.of("ENTRYPOINT [\"ls\"]"),
                "", "", "", ""));
        assertThat(image.repoTags()).isEmpty();
        assertThat(image.diffIds()).hasSize(3);
        assertThat(image.config().entrypoint()).containsExactly("ls");
        assertThatThrownBy(() -> images.commit("c5", new CommitSpec(Image.ImageConfig.empty(), List.of("BOGUS x"),
                "", "", "", ""))).isInstanceOf(BerthException.InvalidArgument.class);
        assertThatThrownBy(() -> images.commit("nope", new CommitSpec(Image.ImageConfig.empty(), List.of(),
                "", "", "", ""))).isInstanceOf(BerthException.NotFound.class);
    }
}
