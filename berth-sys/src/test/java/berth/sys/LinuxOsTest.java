package berth.sys;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinuxOsTest {
    private final Os os = new LinuxOs();
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        // /var/tmp, not /tmp: tmpfs may refuse trusted.* attributes.
        dir = Files.createTempDirectory(Path.of("/var/tmp"), "berth-sys-test");
    }

    @AfterEach
    void tearDown() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            if (lines.anyMatch(l -> l.contains(dir.toString()))) os.unmount(dir.resolve("mnt"), Os.MNT_DETACH);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void mkfifoMakesAFifo() throws IOException {
        Path fifo = dir.resolve("fifo");
        os.mkfifo(fifo, 0600);
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther()).isTrue();
        assertThat((int) Files.getAttribute(fifo, "unix:mode") & 0170000).isEqualTo(Os.S_IFIFO);
    }

    @Test
    void mkfifoOnExistingPathReportsEexist() {
        os.mkfifo(dir.resolve("f"), 0600);
        assertThatThrownBy(() -> os.mkfifo(dir.resolve("f"), 0600))
                .isInstanceOf(OsException.class)
                .hasMessageContaining("File exists")
                .satisfies(e -> assertThat(((OsException) e).errno()).isEqualTo(OsException.EEXIST));
    }

    @Test
    void xattrRoundTripAndAbsence() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        assertThat(os.getXattr(file, "trusted.overlay.opaque")).isEmpty();
        os.setXattr(file, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        assertThat(os.getXattr(file, "trusted.overlay.opaque")).hasValueSatisfying(v -> assertThat(v).containsExactly('y'));
    }

    @Test
    void mknodMakesWhiteoutDevice() throws IOException {
        Path node = dir.resolve("wh");
        os.mknod(node, Os.S_IFCHR | 0, Os.makedev(0, 0));
        assertThat((int) Files.getAttribute(node, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(Os.S_IFCHR);
        assertThat((long) Files.getAttribute(node, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();
    }

    @Test
    void setTimesOnFifoAndSymlinkWithoutFollowing() throws IOException {
        Path fifo = dir.resolve("fifo");
        os.mkfifo(fifo, 0600);
        Path link = Files.createSymbolicLink(dir.resolve("link"), fifo);
        java.time.Instant t = java.time.Instant.parse("2020-01-02T03:04:05.5Z");
        os.setTimes(fifo, t);
        os.setTimes(link, t.plusSeconds(60));
        assertThat(Files.getLastModifiedTime(fifo).toInstant()).isEqualTo(t);
        assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(t.plusSeconds(60));
    }

    @Test
    void killZeroOnSelfAndMissingProcess() {
        int self = (int) ProcessHandle.current().pid();
        os.kill(self, 0);
        assertThat(os.processExists(self)).isTrue();
        assertThat(os.processExists(Integer.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void syncFilesystemOfADirectory() {
        os.syncFilesystem(dir);
        assertThatThrownBy(() -> os.syncFilesystem(dir.resolve("missing")))
                .isInstanceOfSatisfying(OsException.class, e -> assertThat(e.errno()).isEqualTo(OsException.ENOENT));
    }

    @Test
    void openFilesHardLimitIsPositive() {
        assertThat(os.openFilesHardLimit()).isPositive();
    }

    @Test
    void tmpfsMountAndUnmount() throws IOException {
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        os.mount("tmpfs", mnt, "tmpfs", Os.MS_NOSUID | Os.MS_NODEV, "size=1m");
        Files.writeString(mnt.resolve("inside"), "x");
        os.unmount(mnt, 0);
        assertThat(mnt.resolve("inside")).doesNotExist();
    }

    @Test
    void unmountOfNonMountPointFailsWithEinval() throws IOException {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        assertThatThrownBy(() -> os.unmount(plain, 0))
                .isInstanceOfSatisfying(OsException.class, e -> assertThat(e.errno()).isEqualTo(OsException.EINVAL));
    }

    @Test
    void openInRootKeepsSymlinksAndDotDotInsideTheRoot() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        root = root.getParent();
        Files.writeString(root.resolve("etc/passwd"), "inside");
        Files.writeString(dir.resolve("outside"), "host");
        Files.createSymbolicLink(root.resolve("etc/evil"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../outside"));
        int rootFd = os.open(root, Os.O_PATH | Os.O_DIRECTORY);
        try {
            assertThat(read(rootFd, "/etc/evil/etc/passwd")).isEqualTo("inside");
            assertThat(read(rootFd, "../../etc/../etc/passwd")).isEqualTo("inside");
            // "../../../../outside" from the root is "/outside" of the root, which does not exist
            assertThatThrownBy(() -> read(rootFd, "up"))
                    .isInstanceOfSatisfying(OsException.class, e -> assertThat(e.errno()).isEqualTo(OsException.ENOENT));
        } finally {
            os.close(rootFd);
        }
    }

    @Test
    void openInRootWithNofollowOpensTheLinkItself() throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("/nowhere"));
        int rootFd = os.open(root, Os.O_PATH | Os.O_DIRECTORY);
        try {
            int fd = os.openInRoot(rootFd, "/link", Os.O_PATH | Os.O_NOFOLLOW);
            try {
                assertThat(Files.isSymbolicLink(Os.fdPath(fd))).isTrue(); // the /proc entry itself is a link
                assertThat(Files.readSymbolicLink(Os.fdPath(fd)).toString()).endsWith("/root/link");
            } finally {
                os.close(fd);
            }
        } finally {
            os.close(rootFd);
        }
    }

    @Test
    void closeOfABadDescriptorFails() {
        assertThatThrownBy(() -> os.close(-5)).isInstanceOf(OsException.class);
    }

    private String read(int rootFd, String path) throws IOException {
        int fd = os.openInRoot(rootFd, path, Os.O_RDONLY);
        try {
            return Files.readString(Os.fdPath(fd));
        } finally {
            os.close(fd);
        }
    }
}
