package berth.image;

import berth.common.BerthException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The mount points of this process's namespace, from {@code /proc/self/mountinfo} (the kernel's truth). */
final class MountTable {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {}

    static boolean isMounted(Path path) {
        return mountPoints().contains(path.toAbsolutePath().normalize());
    }

    /** Mount points at or under {@code dir}, deepest first (the order to unmount them in). */
    static List<Path> under(Path dir) {
        Path base = dir.toAbsolutePath().normalize();
        return mountPoints().stream().filter(p -> p.startsWith(base))
                .sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
    }

    private static List<Path> mountPoints() {
        try {
            return Files.readAllLines(MOUNTINFO).stream().map(l -> l.split(" ")).filter(f -> f.length > 4)
                    .map(f -> Path.of(unescape(f[4]))).toList();
        } catch (IOException e) {
            throw BerthException.fault("cannot read " + MOUNTINFO, e);
        }
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
