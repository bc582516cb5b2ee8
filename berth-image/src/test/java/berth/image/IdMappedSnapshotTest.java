package berth.image;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.IdMapping;
import berth.sys.LinuxOs;
import berth.sys.Os;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --userns-remap over a real overlay: the container sees its layers owned by the mapped root, the store does not change. */
class IdMappedSnapshotTest {
    private static final byte[] LAYER = new Tars().dir("etc").file("etc/passwd", "root:x:0:0::/root:/bin/sh\n").build();
    private static final IdMapping MAPPING = new IdMapping(IdMapping.stack(List.<long[]>of(new long[] {231072, 65536})),
            IdMapping.stack(List.<long[]>of(new long[] {331072, 65536})));

    private final Os os = new LinuxOs();
    private Path root;
    private LocalImageService images;
    private int usernsFd = -1;

    @BeforeEach
    void setUp() throws IOException {
        root = TestDirs.create("berth-idmap");
        images = LocalImageService.open(root, os);
        byte[] config = Tars.config(List.of(LAYER), Map.of(), List.of("sh"));
        images.load(new ByteArrayInputStream(Tars.dockerSave(config, List.of(LAYER), List.of("base:1"))));
    }

    @AfterEach
    void tearDown() throws IOException {
        images.close();
        if (usernsFd >= 0) os.close(usernsFd);
        for (Path mountPoint : MountTable.under(root)) os.unmount(mountPoint, Os.MNT_DETACH);
        TestDirs.delete(root);
    }

    private static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int gid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void layersShowTheMappedRootAndStayUnchangedOnDisk() throws IOException {
        Path pin = root.resolve("userns");
        usernsFd = os.pinUserNamespace(MAPPING, pin);
        Snapshot s = images.createSnapshot("c1", "base:1");
        images.mount("c1", Optional.of(new Remap(MAPPING, usernsFd, pin)));

        Path merged = s.mergedDir();
        assertThat(uid(merged.resolve("etc/passwd"))).isEqualTo(231072);
        assertThat(gid(merged.resolve("etc/passwd"))).isEqualTo(331072);
        assertThat(uid(merged)).isEqualTo(231072); // the writable layer's root: the container's "/"
        assertThat(Files.readString(merged.resolve("etc/passwd"))).startsWith("root:x:0:0");
        Path layerFile = s.lowerDirs().getFirst().resolve("etc/passwd");
        assertThat(uid(layerFile)).isZero(); // shared by every container and mapping, never shifted
        // the lower dirs the overlay stacks are the id-mapped binds, not the layers themselves
        assertThat(MountTable.under(root.resolve("overlay/c1/idmapped"))).isNotEmpty();

        images.unmount("c1");
        assertThat(MountTable.under(root.resolve("overlay/c1"))).isEmpty();
        images.mount("c1"); // the same container without a remap (as for docker cp): plain layers again
        assertThat(uid(merged.resolve("etc/passwd"))).isZero();
        images.unmount("c1");
    }

    @Test
    void commitWritesTheContainersIdsNotTheHosts() throws IOException {
        Path pin = root.resolve("userns");
        usernsFd = os.pinUserNamespace(MAPPING, pin);
        Snapshot s = images.createSnapshot("c2", "base:1");
        images.mount("c2", Optional.of(new Remap(MAPPING, usernsFd, pin)));
        Path made = s.mergedDir().resolve("etc/made");
        Files.writeString(made, "by uid 5 in the container");
        Files.setAttribute(made, "unix:uid", 231072 + 5, LinkOption.NOFOLLOW_LINKS); // as the container wrote it
        Files.setAttribute(made, "unix:gid", 331072 + 7, LinkOption.NOFOLLOW_LINKS);
        Files.writeString(s.mergedDir().resolve("etc/foreign"), "owned by host root, outside the map");
        var config = Image.ImageConfig.empty();
        var image = images.commit("c2", new CommitSpec(config, List.of(), "committed:1", "", "", "")
                .withIdMapping(Optional.of(MAPPING)));
        images.unmount("c2");

        Snapshot fresh = images.createSnapshot("c3", image.id());
        images.mount("c3");
        assertThat(uid(fresh.mergedDir().resolve("etc/made"))).isEqualTo(5);
        assertThat(gid(fresh.mergedDir().resolve("etc/made"))).isEqualTo(7);
        assertThat(uid(fresh.mergedDir().resolve("etc/foreign"))).isZero();
        images.unmount("c3");
    }
}
