package berth.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import berth.sys.RecordingOs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeServiceTest {
    @TempDir Path root;
    final RecordingOs os = new RecordingOs();

    private VolumeService open() {
        return VolumeService.open(root, os);
    }

    private static VolumeService.CreateRequest named(String name, Map<String, String> opts) {
        return new VolumeService.CreateRequest(name, "", opts, Map.of("a", "b"));
    }

    @Test
    void createStoresAndSurvivesReopen() {
        try (var s = open()) {
            Volume v = s.create(named("data", Map.of()));
            assertThat(v.mountpoint()).isEqualTo(root.resolve("data/_data"));
            assertThat(v.mountpoint()).isDirectory();
            assertThat(v.fresh()).isTrue();
        }
        try (var s = open()) {
            Volume v = s.get("data");
            assertThat(v.labels()).containsEntry("a", "b");
            assertThat(v.driver()).isEqualTo("local");
            assertThat(v.mountpoint()).isEqualTo(root.resolve("data/_data"));
        }
    }

    @Test
    void emptyNameIsSixtyFourHexAndExistingNameIsReturnedAsIs() {
        try (var s = open()) {
            assertThat(s.create(named("", Map.of())).name()).matches("[0-9a-f]{64}");
            Volume first = s.create(named("x1", Map.of()));
            Volume again = s.create(new VolumeService.CreateRequest("x1", "local", Map.of(), Map.of("other", "1")));
            assertThat(again).isEqualTo(first);
        }
    }

    @Test
    void badNamesDriversAndOptionsAreRefusedWithDockersMessages() {
        try (var s = open()) {
            assertThatThrownBy(() -> s.create(named("a/b", Map.of()))).isInstanceOf(BerthException.InvalidArgument.class)
                    .hasMessageContaining("create a/b: \"a/b\" includes invalid characters for a local volume name");
            assertThatThrownBy(() -> s.create(named("x", Map.of()))).hasMessageContaining("invalid characters");
            assertThatThrownBy(() -> s.create(named("ok", Map.of("foo", "bar"))))
                    .hasMessage("create ok: invalid option: \"foo\"");
            assertThatThrownBy(() -> s.create(named("ok", Map.of("type", "tmpfs"))))
                    .hasMessage("create ok: missing required option: \"device\"");
            assertThatThrownBy(() -> s.create(new VolumeService.CreateRequest("ok", "nfsplugin", Map.of(), Map.of())))
                    .isInstanceOf(BerthException.NotFound.class);
            assertThat(s.list()).isEmpty();
        }
    }

    @Test
    void tmpfsVolumeIsMountedAtFirstUseAndUnmountedAfterLast() {
        try (var s = open()) {
            s.create(named("tmp", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m,noexec")));
            Path dir = s.mount("tmp");
            s.mount("tmp");
            assertThat(os.calls()).hasSize(1);
            assertThat(os.calls().getFirst()).contains("tmpfs").contains(dir.toString()).contains("size=1m");
            s.unmount("tmp");
            assertThat(os.calls()).hasSize(1);
            s.unmount("tmp");
            assertThat(os.calls()).hasSize(2);
            assertThat(os.calls().get(1)).startsWith("umount");
        }
    }

    @Test
    void bindLikeVolumeMountsTheHostDirectory(@TempDir Path host) {
        try (var s = open()) {
            s.create(named("b1", Map.of("type", "none", "o", "bind", "device", host.toString())));
            assertThat(s.mount("b1")).isEqualTo(host);
            assertThat(os.calls()).isEmpty();
        }
    }

    @Test
    void removeDeletesRecordAndData() throws Exception {
        try (var s = open()) {
            Volume v = s.create(named("gone", Map.of()));
            Files.writeString(v.mountpoint().resolve("f"), "x");
            s.remove("gone");
            assertThat(root.resolve("gone")).doesNotExist();
            assertThatThrownBy(() -> s.get("gone")).isInstanceOf(BerthException.NotFound.class)
                    .hasMessage("get gone: no such volume");
        }
    }

    @Test
    void reopenSweepsDirectoriesWithoutRecordsAndRemakesMissingData() throws Exception {
        try (var s = open()) {
            s.create(named("kept", Map.of()));
        }
        Files.createDirectories(root.resolve("orphan/_data"));
        Files.delete(root.resolve("kept/_data"));
        try (var s = open()) {
            assertThat(root.resolve("orphan")).doesNotExist();
            assertThat(root.resolve("kept/_data")).isDirectory();
        }
    }

    @Test
    void populateCopiesOnceIntoAFreshEmptyVolume(@TempDir Path image) throws Exception {
        Files.createDirectories(image.resolve("data/sub"));
        Files.writeString(image.resolve("data/sub/file"), "hello");
        Files.createSymbolicLink(image.resolve("data/link"), Path.of("/etc/passwd"));
        try (var s = open()) {
            s.create(named("cu", Map.of()));
            s.populate("cu", CopyUp.from(image.resolve("data")));
            Path data = s.get("cu").mountpoint();
            assertThat(data.resolve("sub/file")).hasContent("hello");
            assertThat(Files.isSymbolicLink(data.resolve("link"))).isTrue();
            assertThat(Files.readSymbolicLink(data.resolve("link"))).isEqualTo(Path.of("/etc/passwd"));
            assertThat(s.get("cu").fresh()).isFalse();
            Files.writeString(image.resolve("data/second"), "later");
            Files.delete(data.resolve("sub/file"));
            s.populate("cu", CopyUp.from(image.resolve("data")));
            assertThat(data.resolve("second")).doesNotExist();
        }
        try (var s = open()) {
            assertThat(s.get("cu").fresh()).isFalse();
        }
    }

    @Test
    void sizeCountsFiles() throws Exception {
        try (var s = open()) {
            Volume v = s.create(named("sz", Map.of()));
            Files.write(v.mountpoint().resolve("f"), new byte[1000]);
            assertThat(s.size("sz")).isEqualTo(1000);
        }
    }

    @Test
    void aCopyInterruptedByACrashLeavesAnEmptyFreshVolume(@TempDir Path image) throws Exception {
        Files.createDirectories(image.resolve("data"));
        Files.writeString(image.resolve("data/f"), "x");
        try (var s = open()) {
            s.create(named("crash", Map.of()));
        }
        Files.createDirectories(root.resolve("crash/_copy"));
        Files.writeString(root.resolve("crash/_copy/half"), "half");
        try (var s = open()) {
            assertThat(root.resolve("crash/_copy")).doesNotExist();
            Volume v = s.get("crash");
            assertThat(v.fresh()).isTrue();
            assertThat(v.mountpoint()).isEmptyDirectory();
            s.populate("crash", CopyUp.from(image.resolve("data")));
            assertThat(v.mountpoint().resolve("f")).hasContent("x");
        }
    }

    @Test
    void aVolumeMountedByAContainerCannotBeRemovedByTheService() {
        try (var s = open()) {
            s.create(named("busy", Map.of()));
            s.mount("busy");
            assertThatThrownBy(() -> s.remove("busy")).isInstanceOf(BerthException.Conflict.class);
            s.unmount("busy");
            s.remove("busy");
        }
    }

    @Test
    void reconcileUnmountsFilesystemVolumesNobodyUses() {
        try (var s = open()) {
            s.create(named("t1", Map.of("type", "tmpfs", "device", "tmpfs")));
            s.create(named("t2", Map.of("type", "tmpfs", "device", "tmpfs")));
            int before = os.calls().size();
            s.reconcile(Map.of("t1", 1));
            var calls = os.calls().subList(before, os.calls().size());
            assertThat(String.join("\n", calls)).contains("t2/_data").doesNotContain("t1/_data");
            s.unmount("t1");
            assertThat(os.calls().getLast()).startsWith("umount2").contains("t1/_data");
        }
    }

    @Test
    void mountWordsThatAreFlagsBecomeFlagsTheRestIsData() {
        var fs = (LocalOptions.Filesystem) LocalOptions.parse("v", Map.of("type", "ext4", "device", "/dev/x",
                "o", "ro,noatime,nosuid,data=ordered,rw"));
        assertThat(fs.flags()).isEqualTo(1L | 1024L | 2L);
        assertThat(fs.data()).isEqualTo("data=ordered");
        assertThat(LocalOptions.parse("v", Map.of("type", "none", "device", "/srv", "o", "bind")))
                .isEqualTo(new LocalOptions.HostBind(Path.of("/srv")));
        assertThat(LocalOptions.parse("v", Map.of())).isEqualTo(new LocalOptions.Plain());
    }
}
