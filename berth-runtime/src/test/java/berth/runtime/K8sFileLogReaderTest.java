package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K8sFileLogReaderTest {
    @TempDir Path dir;
    private final LogReader reader = LogReader.conmonLogs();

    private static String text(LogEntry e) {
        return e.stream() + ":" + new String(e.data(), StandardCharsets.UTF_8);
    }

    @Test
    void parsesFullAndPartialRecords() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, """
                2026-11-22T21:37:51.058905098+00:00 stdout F out with  spaces
                2026-11-22T21:37:51.058905099+00:00 stderr P part
                2026-11-22T21:37:51.058905100+00:00 stderr F
                """);
        List<LogEntry> entries = new ArrayList<>();
        reader.read(log, false, () -> true, entries::add);
        assertThat(entries).map(K8sFileLogReaderTest::text)
                .containsExactly("STDOUT:out with  spaces\n", "STDERR:part", "STDERR:\n");
        assertThat(entries.getFirst().time()).isEqualTo(Instant.parse("2026-11-22T21:37:51.058905098Z"));
    }

    @Test
    void missingFileIsEmptyAndSinkCanStop() throws Exception {
        List<LogEntry> entries = new ArrayList<>();
        reader.read(dir.resolve("none"), false, () -> false, entries::add);
        assertThat(entries).isEmpty();
        Path log = dir.resolve("log");
        Files.writeString(log, "2026-11-22T21:37:51Z stdout F a\n2026-11-22T21:37:51Z stdout F b\n");
        reader.read(log, true, () -> true, e -> entries.add(e) && false);
        assertThat(entries).hasSize(1);
    }

    @Test
    void followReadsUntilStoppedAndDrained() throws Exception {
        Path log = dir.resolve("log");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 5; i++) {
                    Files.writeString(log, "2026-11-22T21:37:51Z stdout F line" + i + "\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    Thread.sleep(30);
                }
                Files.writeString(log, "2026-11-22T21:37:51Z stdout F la", StandardOpenOption.APPEND);
                Files.writeString(log, "st\n", StandardOpenOption.APPEND);
                running.set(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<LogEntry> entries = new ArrayList<>();
        reader.read(log, true, running::get, entries::add);
        writer.join();
        assertThat(entries).map(K8sFileLogReaderTest::text)
                .containsExactly("STDOUT:line0\n", "STDOUT:line1\n", "STDOUT:line2\n", "STDOUT:line3\n", "STDOUT:line4\n", "STDOUT:last\n");
    }
}
