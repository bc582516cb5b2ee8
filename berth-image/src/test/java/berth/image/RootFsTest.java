package berth.image;

import berth.common.BerthException;
import berth.sys.LinuxOs;
import berth.sys.Os;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive endpoints' file access against hostile trees: nothing outside the root is read or written. */
class RootFsTest {
    private final Os os = new LinuxOs();
    private Path base;
    private Path root;
    private Path host;
    private RootFs fs;

    @BeforeEach
    void setUp() throws IOException {
        base = TestDirs.create("berth-rootfs");
        root = Files.createDirectory(base.resolve("root"));
        host = Files.createDirectory(base.resolve("host"));
        Files.writeString(host.resolve("secret"), "host secret");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "inside");
        Files.createSymbolicLink(root.resolve("etc/evil"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("abs"), host); // absolute host path: inside the root it is nothing
        Files.createSymbolicLink(root.resolve("x"), Path.of("../../../../../../../" + host));
        Files.createDirectories(root.resolve("dir/sub"));
        Files.writeString(root.resolve("dir/a"), "a");
        Files.writeString(root.resolve("dir/sub/b"), "b");
        fs = RootFs.open(root, os);
    }

    @AfterEach
    void tearDown() throws IOException {
        fs.close();
        TestDirs.delete(base);
    }

    @Test
    void statDescribesTheEntryAndWhereASymlinkLeadsInsideTheRoot() {
        PathStat passwd = fs.stat("/etc/passwd");
        assertThat(passwd.name()).isEqualTo("passwd");
        assertThat(passwd.size()).isEqualTo(6);
        assertThat(passwd.isDirectory()).isFalse();
        PathStat evil = fs.stat("etc/evil");
        assertThat(evil.mode() & PathStat.MODE_SYMLINK).isNotZero();
        assertThat(evil.linkTarget()).isEqualTo("/");
        assertThat(fs.stat("/x").linkTarget()).isEqualTo(host.toString()); // ".." stops at the root
        assertThat(fs.stat("/etc/evil/").isDirectory()).isTrue(); // a trailing slash follows the link
        assertThat(fs.stat("/etc/evil/").name()).isEqualTo("evil");
        assertThat(fs.stat("/").name()).isEqualTo("/");
        assertThatThrownBy(() -> fs.stat("/nope")).isInstanceOf(BerthException.NotFound.class);
        assertThatThrownBy(() -> fs.stat("/abs/secret")).isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void archiveNamesEntriesAsDockerDoes() throws IOException {
        assertThat(names(archive("/dir"))).containsExactly("dir/", "dir/a", "dir/sub/", "dir/sub/b");
        assertThat(names(archive("/dir/"))).containsExactly("dir/", "dir/a", "dir/sub/", "dir/sub/b");
        assertThat(names(archive("/dir/."))).containsExactly("./", "./a", "./sub/", "./sub/b");
        assertThat(names(archive("/etc/passwd"))).containsExactly("passwd");
        assertThat(names(archive("/etc/evil"))).containsExactly("evil"); // the link itself
        assertThat(names(archive("/"))).startsWith("/", "/abs").contains("/etc/", "/etc/passwd", "/dir/sub/b");
    }

    @Test
    void archiveThroughHostileSymlinksReadsOnlyTheContainersFiles() throws IOException {
        Map<String, String> files = contents(archive("/etc/evil/etc/passwd"));
        assertThat(files).containsExactly(Map.entry("passwd", "inside")); // not the host's /etc/passwd
        assertThatThrownBy(() -> archive("/abs/secret")).isInstanceOf(BerthException.NotFound.class);
        assertThatThrownBy(() -> archive("/x/secret")).isInstanceOf(BerthException.NotFound.class);
        assertThat(contents(archive("/etc/evil/"))).doesNotContainValue("host secret");
    }

    @Test
    void statHeaderComesBeforeTheTar() {
        List<String> order = new ArrayList<>();
        fs.archive("/dir", stat -> {
            order.add("stat " + stat.name() + " " + stat.isDirectory());
            return new ByteArrayOutputStream() {
                @Override
                public void write(byte[] b, int off, int len) {
                    if (order.size() == 1) order.add("tar");
                    super.write(b, off, len);
                }
            };
        });
        assertThat(order).containsExactly("stat dir true", "tar");
    }

    @Test
    void extractRefusesEntriesThatClimbOut() {
        byte[] tar = new Tars().file("../escape", "x").build();
        assertThatThrownBy(() -> fs.extract("/", new ByteArrayInputStream(tar), true, false))
                .isInstanceOf(BerthException.InvalidArgument.class);
        assertThat(base.resolve("escape")).doesNotExist();
        byte[] link = new Tars().symlink("up", "../../../..").build();
        assertThatThrownBy(() -> fs.extract("/dir", new ByteArrayInputStream(link), true, false))
                .isInstanceOf(BerthException.InvalidArgument.class).hasMessageContaining("outside");
    }

    @Test
    void absoluteNamesLandBelowTheDestination() throws IOException {
        fs.extract("/dir", new ByteArrayInputStream(new Tars().file("/abs-name", "x").build()), true, false);
        assertThat(root.resolve("dir/abs-name")).hasContent("x");
    }

    @Test
    void aSymlinkEntryThenAFileThroughItStaysInsideTheRoot() throws IOException {
        String unique = "berth-owned-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        byte[] tar = new Tars().symlink("link", "/").file("link/etc/" + unique, "pwned").build();
        fs.extract("/dir", new ByteArrayInputStream(tar), true, false);
        assertThat(Path.of("/etc", unique)).doesNotExist();
        assertThat(root.resolve("etc").resolve(unique)).hasContent("pwned");
    }

    @Test
    void extractionIntoHostileSymlinksStaysInsideTheRoot() throws IOException {
        fs.extract("/etc/evil", new ByteArrayInputStream(new Tars().file("via-evil", "1").build()), true, false);
        assertThat(root.resolve("via-evil")).hasContent("1");
        assertThatThrownBy(() -> fs.extract("/abs", new ByteArrayInputStream(new Tars().file("f", "1").build()), true, false))
                .isInstanceOf(BerthException.NotFound.class);
        Files.createDirectories(root.resolve(host.toString().substring(1)));
        fs.extract("/x", new ByteArrayInputStream(new Tars().file("f", "2").build()), true, false);
        assertThat(root.resolve(host.toString().substring(1)).resolve("f")).hasContent("2");
        try (var hostFiles = Files.list(host)) {
            assertThat(hostFiles.map(p -> p.getFileName().toString())).containsExactly("secret");
        }
        assertThat(host.resolve("secret")).hasContent("host secret");
    }

    @Test
    void anExistingSymlinkIsReplacedNotWrittenThrough() throws IOException {
        Files.createSymbolicLink(root.resolve("dir/trap"), host.resolve("secret"));
        fs.extract("/dir", new ByteArrayInputStream(new Tars().file("trap", "new").build()), true, false);
        assertThat(Files.isSymbolicLink(root.resolve("dir/trap"))).isFalse();
        assertThat(root.resolve("dir/trap")).hasContent("new");
        assertThat(host.resolve("secret")).hasContent("host secret");
    }

    @Test
    void hardLinksNameEntriesInsideTheRoot() throws IOException {
        // link names count from the destination: "/etc/passwd" into /dir is /dir/etc/passwd, absent
        assertThatThrownBy(() -> fs.extract("/dir", new ByteArrayInputStream(new Tars().hardlink("h", "/etc/passwd").build()),
                true, false)).isInstanceOf(BerthException.InvalidArgument.class);
        assertThatThrownBy(() -> fs.extract("/dir", new ByteArrayInputStream(new Tars().hardlink("h", "../../host/secret").build()),
                true, false)).isInstanceOf(BerthException.InvalidArgument.class);
        fs.extract("/", new ByteArrayInputStream(new Tars().hardlink("h", "/etc/passwd").build()), true, false);
        assertThat(root.resolve("h")).hasContent("inside");
        assertThat(Files.getAttribute(root.resolve("h"), "unix:nlink")).isEqualTo(2);
    }

    @Test
    void hardLinkToAnEntryOfTheSameArchive() throws IOException {
        byte[] tar = new Tars().file("one", "same").hardlink("two", "one").build();
        fs.extract("/dir", new ByteArrayInputStream(tar), true, false);
        assertThat(root.resolve("dir/two")).hasContent("same");
        assertThat(Files.getAttribute(root.resolve("dir/two"), "unix:ino"))
                .isEqualTo(Files.getAttribute(root.resolve("dir/one"), "unix:ino"));
    }

    @Test
    void destinationMustBeADirectory() {
        assertThatThrownBy(() -> fs.extract("/etc/passwd", new ByteArrayInputStream(new Tars().build()), true, false))
                .isInstanceOf(BerthException.InvalidArgument.class).hasMessage("extraction point is not a directory");
        assertThatThrownBy(() -> fs.extract("/missing", new ByteArrayInputStream(new Tars().build()), true, false))
                .isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void noOverwriteDirNonDirAndOwners() throws IOException {
        byte[] fileOverDir = new Tars().file("sub", "x").build();
        assertThatThrownBy(() -> fs.extract("/dir", new ByteArrayInputStream(fileOverDir), true, false))
                .isInstanceOf(BerthException.InvalidArgument.class).hasMessageContaining("cannot overwrite directory");
        fs.extract("/dir", new ByteArrayInputStream(fileOverDir), false, false);
        assertThat(root.resolve("dir/sub")).isRegularFile();

        byte[] owned = new Tars().file("p/owned", "o", 0100640, 1234, 5678).build();
        fs.extract("/dir", new ByteArrayInputStream(owned), true, false);
        assertThat(Files.getAttribute(root.resolve("dir/p/owned"), "unix:uid")).isEqualTo(0);
        assertThat((int) Files.getAttribute(root.resolve("dir/p/owned"), "unix:mode") & 07777).isEqualTo(0640);
        assertThat((int) Files.getAttribute(root.resolve("dir/p"), "unix:mode") & 07777).isEqualTo(0755);
        fs.extract("/dir", new ByteArrayInputStream(owned), true, true);
        assertThat(Files.getAttribute(root.resolve("dir/p/owned"), "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(root.resolve("dir/p/owned"), "unix:gid")).isEqualTo(5678);
    }

    @Test
    void archiveThenExtractRoundTrips() throws IOException {
        byte[] tar = archive("/dir");
        Files.createDirectories(root.resolve("copy"));
        fs.extract("/copy", new ByteArrayInputStream(tar), true, true);
        assertThat(root.resolve("copy/dir/sub/b")).hasContent("b");
        assertThat(Files.isDirectory(root.resolve("copy/dir/sub"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void exportNamesEntriesFromTheRoot() throws IOException {
        var out = new ByteArrayOutputStream();
        fs.export(out);
        List<String> names = names(out.toByteArray());
        assertThat(names).contains("etc/", "etc/passwd", "etc/evil", "dir/sub/b").doesNotContain("/", "./");
        assertThat(contents(out.toByteArray())).doesNotContainValue("host secret");
    }

    private byte[] archive(String path) {
        var out = new ByteArrayOutputStream();
        fs.archive(path, stat -> out);
        return out.toByteArray();
    }

    static List<String> names(byte[] tar) throws IOException {
        return new ArrayList<>(contents(tar).keySet());
    }

    static Map<String, String> contents(byte[] tar) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; )
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
