package berth.engine;

import berth.common.BerthException;
import berth.engine.model.ContainerMount;
import java.util.List;
import java.util.Set;

/**
 * Docker's {@code -v} syntax (HostConfig.Binds): {@code /host:/path[:opts]} is a bind, {@code name:/path[:opts]}
 * a named volume, {@code /path} alone an anonymous volume. Options, comma-separated: {@code ro|rw},
 * {@code z|Z} (SELinux relabelling: accepted and ignored, as there is no SELinux here), {@code nocopy}
 * (volumes only), a propagation (binds only) and the macOS consistency words, which Linux ignores.
 */
final class Binds {
    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");
    private static final Set<String> IGNORED = Set.of("z", "Z", "consistent", "cached", "delegated");

    private Binds() {}

    static ContainerMount parse(String bind) {
        String[] parts = bind.split(":", -1);
        return switch (parts.length) {
            case 1 -> volume(bind, "", parts[0], "");
            case 2 -> of(bind, parts[0], parts[1], "");
            case 3 -> of(bind, parts[0], parts[1], parts[2]);
            default -> throw invalidSpec(bind, "");
        };
    }

    private static ContainerMount of(String bind, String source, String destination, String mode) {
        if (source.isEmpty() || destination.isEmpty()) throw invalidSpec(bind, "");
        return source.startsWith("/") ? bindMount(bind, source, destination, mode) : volume(bind, source, destination, mode);
    }

    private static ContainerMount bindMount(String bind, String source, String destination, String mode) {
        Options o = options(mode, false);
        checkDestination(bind, destination, "bind");
        return ContainerMount.bind(clean(source), clean(destination), mode, o.rw, o.propagation.isEmpty() ? "rprivate" : o.propagation);
    }

    private static ContainerMount volume(String bind, String name, String destination, String mode) {
        Options o = options(mode, true);
        checkDestination(bind, destination, "volume");
        return ContainerMount.volume(name, clean(destination), mode.isEmpty() ? "z" : mode, o.rw, !o.nocopy);
    }

    private record Options(boolean rw, boolean nocopy, String propagation) {}

    private static Options options(String mode, boolean volume) {
        boolean rw = true, nocopy = false, sawRw = false;
        String propagation = "";
        if (mode.isEmpty()) return new Options(true, false, "");
        for (String word : mode.split(",")) {
            if ((word.equals("ro") || word.equals("rw")) && !sawRw) {
                rw = word.equals("rw");
                sawRw = true;
            } else if (word.equals("nocopy") && volume && !nocopy) nocopy = true;
            else if (PROPAGATIONS.contains(word) && !volume && propagation.isEmpty()) propagation = word;
            else if (!IGNORED.contains(word)) throw BerthException.invalid("invalid mode: " + mode);
        }
        return new Options(rw, nocopy, propagation);
    }

    static void checkDestination(String bind, String destination, String type) {
        if (!destination.startsWith("/"))
            throw invalidSpec(bind, ": invalid mount config for type \"" + type + "\": invalid mount path: '"
                    + destination + "' mount path must be absolute");
        if (clean(destination).equals("/")) throw BerthException.invalid("invalid specification: destination can't be '/'");
    }

    private static BerthException invalidSpec(String bind, String detail) {
        return BerthException.invalid("invalid volume specification: '" + bind + "'" + detail);
    }

    /** Lexically clean, as Go's filepath.Clean: no trailing slash, no "." or "//". */
    static String clean(String path) {
        List<String> parts = berth.common.RootedPaths.clamped(path);
        return "/" + String.join("/", parts);
    }
}
