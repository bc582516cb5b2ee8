package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import berth.sys.RecordingOs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleLaunchersTest {
    private static final Path ROOT = Path.of("/run/berth/runc");

    @TempDir
    Path proc;

    @Test
    void killsOnlyShellsStillLaunchingConmonForThisRuntimeRoot() throws IOException {
        process(101, "/bin/sh", "-c", "exec \"$0\" \"$@\" 3>\"$BERTH_SYNC\"", "/usr/bin/conmon", "-c", "abc",
                "--runtime-arg", "--root=" + ROOT);
        process(102, "/usr/bin/conmon", "-c", "abc", "--runtime-arg", "--root=" + ROOT); // already conmon
        process(103, "/bin/sh", "-c", "exec \"$0\" \"$@\" 3>\"$BERTH_SYNC\"", "/usr/bin/conmon",
                "--runtime-arg", "--root=/run/other/runc"); // another daemon's
        process(104, "/bin/sh", "-c", "sleep 100", "--root=" + ROOT);
        Files.createDirectories(proc.resolve("self"));
        var os = new RecordingOs();

        assertThat(StaleLaunchers.kill(proc, ROOT, os)).containsExactly(101);
        assertThat(os.calls()).containsExactly("kill 101 9");
    }

    private void process(int pid, String... argv) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("cmdline"), String.join("\0", List.of(argv)) + "\0");
    }
}
