package berth.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFilesTest {
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("berth-af");
    }

    @AfterEach
    void tearDown() throws IOException {
        TempDir.delete(dir);
    }

    @Test
    void writeReplacesAndLeavesNoTemp() throws IOException {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, "one".getBytes());
        AtomicFiles.write(target, "two".getBytes());
        assertThat(target).hasContent("two");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void removeTempsKeepsOtherFiles() throws IOException {
        Files.createFile(dir.resolve(AtomicFiles.TEMP_PREFIX + "x"));
        Path keep = Files.createFile(dir.resolve("keep"));
        AtomicFiles.removeTemps(dir);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(keep);
        }
    }
}
