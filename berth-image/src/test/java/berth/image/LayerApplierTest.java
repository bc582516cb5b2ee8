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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Layer unpacking, including hostile tars: nothing may appear or change outside the layer's root. */
class LayerApplierTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private final Os os = new LinuxOs();
    private final LayerApplier applier = new LayerApplier(os);
    private Path parent;
    private Path root;
    private Path outside;
    private Path victim;
    private Path tmpMarker;

    @BeforeEach
    void setUp() throws IOException {
        parent = TestDirs.create("berth-layer");
        root = Files.createDirectory(parent.resolve("root"));
        outside = Files.createDirectory(parent.resolve("outside"));
        victim = Files.writeString(outside.resolve("victim"), "original");
        tmpMarker = Path.of("/tmp/berth-pwned-" + ProcessHandle.current().pid());
    }

    @AfterEach
    void tearDown() throws IOException {
        TestDirs.delete(parent);
        Files.deleteIfExists(tmpMarker);
    }

    private void apply(byte[] tar) throws IOException {
        applier.apply(new ByteArrayInputStream(tar), root);
    }

    /** The parent holds only root/ and outside/, outside/ only the untouched victim, /tmp no marker. */
    private void assertNothingEscaped() throws IOException {
        try (Stream<Path> list = Files.list(parent)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("root", "outside");
        }
        try (Stream<Path> list = Files.list(outside)) {
            assertThat(list).containsExactly(victim);
        }
        assertThat(victim).hasContent("original");
        assertThat((int) Files.getAttribute(victim, "unix:nlink")).isEqualTo(1);
        assertThat(tmpMarker).doesNotExist();
    }

    @Test
    void unpacksFilesDirsLinksAndMetadata() throws IOException {
        apply(new Tars().dir("bin").file("bin/tool", "x", 0104755, 1234, 5678).symlink("bin/sh", "tool")
                .hardlink("bin/tool2", "bin/tool").charDevice("dev/null", 1, 3).fifo("run/fifo").build());
        Path tool = root.resolve("bin/tool");
        assertThat(tool).hasContent("x");
        assertThat((int) Files.getAttribute(tool, "unix:mode") & 07777).isEqualTo(04755);
        assertThat((int) Files.getAttribute(tool, "unix:uid")).isEqualTo(1234);
        assertThat((int) Files.getAttribute(tool, "unix:gid")).isEqualTo(5678);
        assertThat(Files.getLastModifiedTime(tool)).isEqualTo(FileTime.from(java.time.Instant.parse("2020-01-02T03:04:05Z")));
        assertThat(Files.readSymbolicLink(root.resolve("bin/sh"))).isEqualTo(Path.of("tool"));
        assertThat((int) Files.getAttribute(tool, "unix:nlink")).isEqualTo(2);
        assertThat((long) Files.getAttribute(root.resolve("dev/null"), "unix:rdev")).isEqualTo(Os.makedev(1, 3));
        assertThat((int) Files.getAttribute(root.resolve("run/fifo"), "unix:mode") & 0170000).isEqualTo(Os.S_IFIFO);
    }

    @Test
    void whiteoutsBecomeOverlayWhiteouts() throws IOException {
        apply(new Tars().dir("etc").file("etc/.wh.gone", "").dir("opt").file("opt/.wh..wh..opq", "").build());
        Path whiteout = root.resolve("etc/gone");
        assertThat((int) Files.getAttribute(whiteout, "unix:mode", NOFOLLOW) & 0170000).isEqualTo(Os.S_IFCHR);
        assertThat((long) Files.getAttribute(whiteout, "unix:rdev", NOFOLLOW)).isZero();
        assertThat(root.resolve("etc/.wh.gone")).doesNotExist();
        assertThat(os.getXattr(root.resolve("opt"), "trusted.overlay.opaque")).hasValueSatisfying(v -> assertThat(v).containsExactly('y'));
        assertThat(root.resolve("opt/.wh..wh..opq")).doesNotExist();
    }

    @Test
    void dotDotEntryIsRefused() throws IOException {
        assertThatThrownBy(() -> apply(new Tars().file("../outside/victim", "pwned").build()))
                .isInstanceOf(BerthException.InvalidArgument.class);
        assertThatThrownBy(() -> apply(new Tars().file("a/../../escaped", "pwned").build()))
                .isInstanceOf(BerthException.InvalidArgument.class);
        assertNothingEscaped();
    }

    @Test
    void absoluteNamesStayInsideTheRoot() throws IOException {
        apply(new Tars().file(outside.resolve("victim").toString(), "pwned").file(tmpMarker.toString(), "pwned").build());
        assertThat(root.resolve(outside.toString().substring(1)).resolve("victim")).hasContent("pwned");
        assertNothingEscaped();
    }

    @Test
    void absoluteSymlinkParentIsFollowedInScope() throws IOException {
        apply(new Tars().symlink("evil", outside.toString()).file("evil/victim", "pwned")
                .symlink("t", "/tmp").file("t/" + tmpMarker.getFileName(), "pwned").build());
        assertThat(root.resolve("tmp").resolve(tmpMarker.getFileName())).hasContent("pwned");
        assertThat(root.resolve(outside.toString().substring(1)).resolve("victim")).hasContent("pwned");
        assertNothingEscaped();
    }

    @Test
    void relativeSymlinkClimbingOutIsClampedAtTheRoot() throws IOException {
        apply(new Tars().symlink("up", "../../../../..").file("up/outside/victim", "pwned").build());
        assertThat(root.resolve("outside/victim")).hasContent("pwned");
        assertNothingEscaped();
    }

    @Test
    void symlinkChainStaysInScope() throws IOException {
        apply(new Tars().symlink("a", "b").symlink("b", "c/../..").symlink("c", parent.toString())
                .file("a/outside/victim", "pwned").build());
        assertNothingEscaped();
    }

    @Test
    void symlinkLoopIsRefused() throws IOException {
        Throwable thrown = catchThrowable(() -> apply(new Tars().symlink("loop", "loop").file("loop/x", "x").build()));
        assertThat(thrown).isInstanceOf(BerthException.InvalidArgument.class);
        assertNothingEscaped();
    }

    @Test
    void fileOverASymlinkReplacesTheLinkInsteadOfWritingThroughIt() throws IOException {
        apply(new Tars().symlink("link", victim.toString()).file("link", "pwned").build());
        assertThat(root.resolve("link")).isRegularFile().hasContent("pwned");
        assertNothingEscaped();
    }

    @Test
    void hardlinkToOutsideFilesIsRefused() throws IOException {
        for (String target : List.of(victim.toString(), "../outside/victim", "/etc/passwd")) {
            assertThatThrownBy(() -> apply(new Tars().hardlink("h", target).build()))
                    .as(target).isInstanceOf(BerthException.InvalidArgument.class);
        }
        assertThat((int) Files.getAttribute(Path.of("/etc/passwd"), "unix:nlink")).isEqualTo(1);
        assertNothingEscaped();
    }

    @Test
    void hardlinkThroughAnEscapingSymlinkIsRefused() throws IOException {
        Throwable thrown = catchThrowable(() -> apply(new Tars().symlink("evil", outside.toString())
                .hardlink("h", "evil/victim").build()));
        assertThat(thrown).isInstanceOf(BerthException.InvalidArgument.class);
        assertNothingEscaped();
    }

    @Test
    void deviceNodesUnderEscapingSymlinksStayInside() throws IOException {
        apply(new Tars().symlink("evil", outside.toString()).charDevice("evil/null", 1, 3).build());
        assertThat(root.resolve(outside.toString().substring(1)).resolve("null")).exists();
        assertNothingEscaped();
    }
}
