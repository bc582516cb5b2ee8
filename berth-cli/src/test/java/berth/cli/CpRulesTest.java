package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker cp's path rules, copy plans, and the local extraction of a hostile archive. */
class CpRulesTest {

    @TempDir
    Path dir;

    @Test
    void goPathRules() {
        assertThat(GoPaths.clean("/a/b/../c/./")).isEqualTo("/a/c");
        assertThat(GoPaths.clean("../../a")).isEqualTo("../../a");
        assertThat(GoPaths.clean("/../a")).isEqualTo("/a");
        assertThat(GoPaths.base("/a/b/")).isEqualTo("b");
        assertThat(GoPaths.base("/")).isEqualTo("/");
        assertThat(GoPaths.splitDirEntry("/a/b/.")).containsExactly("/a/b", ".");
        assertThat(GoPaths.splitDirEntry("/a/b/")).containsExactly("/a", "b");
        assertThat(GoPaths.splitDirEntry("/")).containsExactly("/", "/");
        assertThat(GoPaths.preserveTrailingDotOrSeparator("/a/b", "a/b/.")).isEqualTo("/a/b/.");
        assertThat(GoPaths.preserveTrailingDotOrSeparator("/a/b", "a/b/")).isEqualTo("/a/b/");
        assertThat(GoPaths.assertsDirectory("x/")).isTrue();
        assertThat(GoPaths.assertsDirectory("x")).isFalse();
    }

    @Test
    void locationsSplitOnTheFirstColonUnlessLocal() {
        assertThat(CpCommand.Location.parse("web:/etc/hosts").container()).hasValue("web");
        assertThat(CpCommand.Location.parse("web:/etc/hosts").path()).isEqualTo("/etc/hosts");
        assertThat(CpCommand.Location.parse("/tmp/a:b").container()).isEmpty();
        assertThat(CpCommand.Location.parse("./a:b").container()).isEmpty();
        assertThat(CpCommand.Location.parse("-").container()).isEmpty();
    }

    @Test
    void copyPlansFollowDockersTable() {
        var file = new CopyPlan.Info("/c/etc/hosts", true, false, "");
        var dirSrc = new CopyPlan.Info("/c/etc", true, true, "");
        var contents = new CopyPlan.Info("/c/etc/.", true, true, "");
        var existingDir = new CopyPlan.Info("/tmp/out", true, true, "");
        var existingFile = new CopyPlan.Info("/tmp/f", true, false, "");
        var missing = new CopyPlan.Info("/tmp/new", false, false, "");
        var missingDir = new CopyPlan.Info("/tmp/new/", false, false, "");

        assertThat(plan(file, existingDir)).isEqualTo("/tmp/out hosts");
        assertThat(plan(file, existingFile)).isEqualTo("/tmp f");
        assertThat(plan(file, missing)).isEqualTo("/tmp new");
        assertThatThrownBy(() -> plan(file, missingDir)).hasMessage("no such directory");
        assertThat(plan(dirSrc, existingDir)).isEqualTo("/tmp/out etc/a");
        assertThat(plan(dirSrc, missing)).isEqualTo("/tmp new/a");
        assertThatThrownBy(() -> plan(dirSrc, existingFile)).hasMessage("cannot copy directory");
        assertThat(plan(contents, existingDir)).isEqualTo("/tmp/out ./a");
        assertThat(plan(contents, missing)).isEqualTo("/tmp new/a");
    }

    /** The extraction directory and what the entry "<base>/a" becomes ("hosts" for a file source). */
    private static String plan(CopyPlan.Info src, CopyPlan.Info dst) {
        CopyPlan p = CopyPlan.of(src, dst);
        String entry = src.isDir() ? GoPaths.splitDirEntry(src.path())[1] + "/a" : "hosts";
        return p.extractDir() + " " + p.rename().apply(entry);
    }

    @Test
    void hostileArchivesStayInsideTheDestination() throws IOException {
        Path dest = Files.createDirectory(dir.resolve("dest"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        assertThatThrownBy(() -> untar(tar(t -> file(t, "../escape", "x")), dest)).isInstanceOf(CliException.class);
        assertThat(dir.resolve("escape")).doesNotExist();

        untar(tar(t -> {
            symlink(t, "link", outside.toString());
            file(t, "link/owned", "pwned");
        }), dest);
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        assertThat(dest.resolve(outside.toString().substring(1)).resolve("owned")).hasContent("pwned");

        assertThatThrownBy(() -> untar(tar(t -> symlink(t, "up", "../../..")), dest)).isInstanceOf(CliException.class);
        untar(tar(t -> file(t, "/abs", "in")), dest);
        assertThat(dest.resolve("abs")).hasContent("in");
    }

    @Test
    void localTarNamesEntriesLikeDocker() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(dir.resolve("src/a"), "a");
        Files.createSymbolicLink(dir.resolve("src/link"), Path.of("/etc/passwd"));
        assertThat(names(dir.resolve("src").toString(), UnaryOperator.identity()))
                .containsExactly("src/", "src/a", "src/link", "src/sub/");
        assertThat(names(dir.resolve("src") + "/.", UnaryOperator.identity()))
                .containsExactly("./", "./a", "./link", "./sub/");
        assertThat(names(dir.resolve("src").toString(), CopyPlan.rebase("src", "dst")))
                .containsExactly("dst/", "dst/a", "dst/link", "dst/sub/");
        assertThat(src).isDirectory();
    }

    private List<String> names(String source, UnaryOperator<String> rename) throws IOException {
        var out = new ByteArrayOutputStream();
        LocalTar.write(source, "", rename, out);
        List<String> names = new ArrayList<>();
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) names.add(e.getName());
        }
        return names;
    }

    private static void untar(byte[] tar, Path dest) throws IOException {
        LocalUntar.extract(new ByteArrayInputStream(tar), dest, UnaryOperator.identity());
    }

    interface TarWriter {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    private static byte[] tar(TarWriter writer) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var t = new TarArchiveOutputStream(out)) {
            writer.write(t);
        }
        return out.toByteArray();
    }

    private static void file(TarArchiveOutputStream t, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        var e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream t, String name, String target) throws IOException {
        var e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }
}
