package berth.engine;

import berth.common.BerthException;
import berth.engine.model.ContainerMount;
import berth.engine.model.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's HostConfig.Mounts ({@code --mount}) and HostConfig.Tmpfs ({@code --tmpfs}) checked with Docker's
 * messages and turned into container mounts. Unlike {@code -v}, a bind's source must exist.
 */
final class MountRequests {
    /** Docker's defaults for a tmpfs; the client's words come after and win (exec, suid, dev). */
    private static final List<String> TMPFS_DEFAULTS = List.of("nosuid", "nodev", "noexec");

    private MountRequests() {}

    /** A mount and, for a volume that may not exist yet, what to create it with. */
    record Wanted(ContainerMount mount, Map<String, String> driverOptions, Map<String, String> labels) {
        static Wanted of(ContainerMount m) {
            return new Wanted(m, Map.of(), Map.of());
        }
    }

    static Wanted parse(Mount m) {
        String type = m.type() == null ? "" : m.type();
        String target = m.target() == null ? "" : m.target();
        if (target.isEmpty()) throw config(type, "field Target must not be empty");
        if (!target.startsWith("/")) throw config(type, "invalid mount path: '" + target + "' mount path must be absolute");
        return switch (type) {
            case "bind" -> bind(m, target);
            case "volume" -> volume(m, target);
            case "tmpfs" -> tmpfs(m, target);
            default -> throw config(type, "mount type unknown");
        };
    }

    private static Wanted bind(Mount m, String target) {
        String source = m.source() == null ? "" : m.source();
        if (m.volumeOptions() != null) throw config("bind", "field VolumeOptions must not be specified");
        if (m.tmpfsOptions() != null) throw config("bind", "field TmpfsOptions must not be specified");
        if (source.isEmpty()) throw config("bind", "field Source must not be empty");
        if (!source.startsWith("/")) throw config("bind", "invalid mount path: '" + source + "' mount path must be absolute");
        if (!Files.exists(Path.of(source))) throw config("bind", "bind source path does not exist: " + source);
        String propagation = m.bindOptions() == null || blank(m.bindOptions().propagation()) ? "rprivate"
                : m.bindOptions().propagation();
        return Wanted.of(ContainerMount.bind(Binds.clean(source), Binds.clean(target), "", !m.readOnly(), propagation));
    }

    private static Wanted volume(Mount m, String target) {
        if (m.bindOptions() != null) throw config("volume", "field BindOptions must not be specified");
        if (m.tmpfsOptions() != null) throw config("volume", "field TmpfsOptions must not be specified");
        var o = m.volumeOptions();
        String name = m.source() == null ? "" : m.source();
        boolean copy = o == null || !o.noCopy();
        Map<String, String> labels = o == null || o.labels() == null ? Map.of() : o.labels();
        Map<String, String> driverOptions = o == null || o.driverConfig() == null || o.driverConfig().options() == null
                ? Map.of() : o.driverConfig().options();
        return new Wanted(ContainerMount.volume(name, Binds.clean(target), "", !m.readOnly(), copy), driverOptions, labels);
    }

    private static Wanted tmpfs(Mount m, String target) {
        if (m.source() != null && !m.source().isEmpty()) throw config("tmpfs", "field Source must not be specified");
        if (m.bindOptions() != null) throw config("tmpfs", "field BindOptions must not be specified");
        if (m.volumeOptions() != null) throw config("tmpfs", "field VolumeOptions must not be specified");
        List<String> words = new ArrayList<>();
        var t = m.tmpfsOptions();
        if (t != null && t.sizeBytes() < 0) throw config("tmpfs", "invalid tmpfs size: " + t.sizeBytes());
        if (t != null && t.sizeBytes() > 0) words.add("size=" + t.sizeBytes());
        if (t != null && t.mode() != 0) words.add("mode=" + Integer.toOctalString(t.mode()));
        if (m.readOnly()) words.add("ro");
        return Wanted.of(ContainerMount.tmpfs(Binds.clean(target), String.join(",", tmpfsOptions(words)), !m.readOnly(), true));
    }

    /** {@code --tmpfs /path:opts}. */
    static Wanted tmpfs(String path, String options) {
        Binds.checkDestination(path, path, "tmpfs");
        List<String> words = options == null || options.isEmpty() ? List.of() : List.of(options.split(","));
        return Wanted.of(ContainerMount.tmpfs(Binds.clean(path), String.join(",", tmpfsOptions(words)),
                !words.contains("ro"), false));
    }

    /** The defaults, less those the client's words turn off, then the client's words. */
    static List<String> tmpfsOptions(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String d : TMPFS_DEFAULTS) if (!words.contains(d.substring(2))) out.add(d);
        for (String w : words) if (!w.isEmpty() && !out.contains(w) && !List.of("exec", "suid", "dev").contains(w)) out.add(w);
        return out;
    }

    private static BerthException config(String type, String message) {
        return BerthException.invalid("invalid mount config for type \"" + type + "\": " + message);
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
