package berth.image;

import berth.common.BerthException;
import berth.sys.LinuxOs;
import berth.sys.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kernel's RESOLVE_IN_ROOT and the walk by hand (for kernels without openat2) agree. */
class InRootTest {
    private final Os os = new LinuxOs();
    private Path base;
    private Path root;

    @BeforeEach
    void setUp() throws IOException {
        base = TestDirs.create("berth-inroot");
        root = Files.createDirectories(base.resolve("root/usr/lib"));
        root = base.resolve("root");
        Files.writeString(root.resolve("usr/lib/libc"), "libc");
        Files.writeString(base.resolve("outside"), "host");
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/usr"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));
        Files.createSymbolicLink(root.resolve("out"), base.resolve("outside"));
        Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), Path.of("loop1"));
    }

    @AfterEach
    void tearDown() throws IOException {
        TestDirs.delete(base);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void resolvesInScope(boolean kernel) throws IOException {
        try (InRoot in = InRoot.open(root, os, kernel)) {
            assertThat(read(in, "/lib/libc")).contains("libc");
            assertThat(read(in, "abs/lib/libc")).contains("libc");
            assertThat(read(in, "/up/up/usr/../lib/libc")).contains("libc");
            assertThat(read(in, "../../../../usr/lib/libc")).contains("libc");
            assertThat(read(in, "/out")).isEmpty(); // the host path does not exist inside
            assertThat(read(in, "/usr/lib/libc/x")).isEmpty(); // through a file: not a directory
            assertThatThrownBy(() -> read(in, "/loop1")).isInstanceOf(BerthException.InvalidArgument.class);
            try (Fd link = in.find("/abs", Os.O_NOFOLLOW).orElseThrow()) {
                assertThat(link.stat().isSymlink()).isTrue();
            }
            try (Fd dir = in.find("/abs/", 0).orElseThrow()) {
                assertThat(dir.stat().isDirectory()).isTrue();
            }
            assertThat(in.resolvedName("/lib/libc")).isEqualTo("/usr/lib/libc");
            assertThat(in.resolvedName("/up")).isEqualTo("/");
            assertThat(in.resolvedName("/abs/missing/../x")).isEqualTo("/usr/x");
            assertThat(in.resolvedName("/out")).isEqualTo(base.resolve("outside").toString());
        }
    }

    private Optional<String> read(InRoot in, String path) throws IOException {
        Optional<Fd> fd = in.find(path, 0);
        if (fd.isEmpty()) return Optional.empty();
        try (Fd f = fd.get()) {
            return Optional.of(Files.readString(f.path()));
        }
    }
}
