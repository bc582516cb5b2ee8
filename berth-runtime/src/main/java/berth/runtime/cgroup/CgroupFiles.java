package berth.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The few shapes of cgroup files: one number, "key value" lines, and cgroup.procs trees. A missing file reads as empty. */
final class CgroupFiles {
    private CgroupFiles() {}

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            // a cgroup removed while we read it (the container just ended) reads as empty
            if (!Files.exists(file)) return List.of();
            throw new UncheckedIOException(e);
        }
    }

    /** A single number; "max" is {@link CgroupStats#UNLIMITED}; missing or empty is 0. */
    static long number(Path file) {
        return lines(file).stream().findFirst().map(String::trim).map(CgroupFiles::parse).orElse(0L);
    }

    static long parse(String value) {
        if (value.equals("max")) return CgroupStats.UNLIMITED;
        try {
            return Long.parseUnsignedLong(value) < 0 ? CgroupStats.UNLIMITED : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** "key value" lines (memory.stat, cpu.stat, cpuacct.stat). */
    static Map<String, Long> keyValues(Path file) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) values.put(parts[0], parse(parts[1]));
        }
        return values;
    }

    /** Every PID in cgroup.procs of {@code dir} and of the cgroups below it. */
    static Set<Integer> procsBelow(Path dir) {
        Set<Integer> pids = new TreeSet<>();
        if (!Files.isDirectory(dir)) return pids;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).forEach(procs ->
                    lines(procs).stream().map(String::trim).filter(s -> s.matches("\\d+")).map(Integer::valueOf)
                            .forEach(pids::add));
        } catch (IOException | UncheckedIOException e) {
            // the tree changed under us (a process or the container ended): what we read is the answer
        }
        return pids;
    }

    static Path under(Path root, String cgroupPath) {
        return root.resolve(cgroupPath.replaceFirst("^/+", ""));
    }
}
