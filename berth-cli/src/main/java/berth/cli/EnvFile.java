package berth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * docker's --env-file: one VAR=value per line, taken literally (no quotes, no expansion); blank lines and
 * lines starting with '#' are skipped; a bare VAR takes the host's value, or is dropped if unset.
 */
final class EnvFile {
    private EnvFile() {}

    static List<String> read(Path file, Function<String, Optional<String>> hostEnv) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), hostEnv);
        } catch (IOException e) {
            throw new CliException(125, "berth: open " + file + ": no such file or directory.");
        }
    }

    static List<String> parse(List<String> lines, Function<String, Optional<String>> hostEnv) {
        List<String> env = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            entry(line, hostEnv).ifPresent(env::add);
        }
        return env;
    }

    private static Optional<String> entry(String line, Function<String, Optional<String>> hostEnv) {
        int eq = line.indexOf('=');
        String name = eq < 0 ? line : line.substring(0, eq);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no variable name on line '" + line + "'");
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("variable '" + name + "' contains whitespaces");
        }
        return eq < 0 ? hostEnv.apply(name).map(v -> name + "=" + v) : Optional.of(line);
    }

    /** A {@code -e} value: {@code K=V} as given; a bare {@code K} takes the host's value, or stays bare. */
    static String flag(String value, Function<String, Optional<String>> hostEnv) {
        return value.contains("=") ? value : hostEnv.apply(value).map(v -> value + "=" + v).orElse(value);
    }

    /** All of it in docker's order: the files' lines first, then the -e flags. */
    static List<String> resolve(List<Path> files, List<String> flags, Function<String, Optional<String>> hostEnv) {
        List<String> env = new ArrayList<>();
        files.forEach(f -> env.addAll(read(f, hostEnv)));
        flags.forEach(f -> env.add(flag(f, hostEnv)));
        return env;
    }
}
