package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    private static final Function<String, Optional<String>> HOST = k -> Optional.ofNullable(Map.of("HOME", "/root").get(k));

    @Test
    void linesAreLiteralCommentsAndBlanksSkipped() {
        List<String> lines = List.of("\uFEFFA=1", "  # comment", "", "   B=spaced value ", "C=\"quoted\"", "HOME", "UNSET", "D=");
        assertThat(EnvFile.parse(lines, HOST)).containsExactly("A=1", "B=spaced value ", "C=\"quoted\"", "HOME=/root", "D=");
    }

    @Test
    void rejectsBadNames() {
        assertThatThrownBy(() -> EnvFile.parse(List.of("=x"), HOST)).hasMessageContaining("no variable name");
        assertThatThrownBy(() -> EnvFile.parse(List.of("MY VAR=x"), HOST)).hasMessageContaining("contains whitespaces");
    }

    @Test
    void filesComeBeforeFlags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("env");
        Files.writeString(file, "X=from-file\n");
        assertThat(EnvFile.resolve(List.of(file), List.of("Y=flag", "HOME", "NOPE"), HOST))
                .containsExactly("X=from-file", "Y=flag", "HOME=/root", "NOPE");
    }
}
