package berth.volume;

import berth.common.BerthException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local driver's options, as Docker's: {@code type}, {@code device} and {@code o} (mount(8)'s), where
 * {@code type} and {@code device} come together and {@code o} needs both. A closed family: a plain
 * directory, a bind of a host directory ({@code type=none,o=bind}), or a filesystem mounted with mount(2)
 * on the volume's directory at first use (tmpfs, a block device...).
 */
public sealed interface LocalOptions {
    Set<String> KEYS = Set.of("type", "device", "o");

    /** No options: a directory under the data root. */
    record Plain() implements LocalOptions {}

    /** {@code type=none,o=bind,device=/path}: the host directory itself is what containers mount. */
    record HostBind(Path device) implements LocalOptions {}

    /** A filesystem mounted on the volume's directory while containers use it. */
    record Filesystem(String type, String device, long flags, String data) implements LocalOptions {}

    static LocalOptions parse(String name, Map<String, String> options) {
        for (String key : options.keySet())
            if (!KEYS.contains(key)) throw invalid(name, "invalid option: \"" + key + "\"");
        require(name, options, "device", "type");
        require(name, options, "type", "device");
        require(name, options, "o", "device");
        require(name, options, "o", "type");
        if (options.isEmpty()) return new Plain();
        String type = options.get("type");
        String device = options.get("device");
        List<String> o = List.of(options.getOrDefault("o", "").split(","));
        if (o.contains("bind") || o.contains("rbind")) {
            if (!device.startsWith("/")) throw invalid(name, "bind device must be an absolute path: " + device);
            return new HostBind(Path.of(device));
        }
        if (type.equals("none")) throw invalid(name, "type \"none\" needs o=bind");
        return filesystem(type, device, o);
    }

    private static void require(String name, Map<String, String> options, String given, String needed) {
        if (options.containsKey(given) && !options.containsKey(needed))
            throw invalid(name, "missing required option: \"" + needed + "\"");
    }

    /** mount(8) words that are flags go to mount(2)'s flags; the rest is the filesystem's data string. */
    private static Filesystem filesystem(String type, String device, List<String> o) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String word : o) {
            switch (word) {
                case "" -> { }
                case "ro" -> flags |= berth.sys.Os.MS_RDONLY;
                case "nosuid" -> flags |= berth.sys.Os.MS_NOSUID;
                case "nodev" -> flags |= berth.sys.Os.MS_NODEV;
                case "noexec" -> flags |= berth.sys.Os.MS_NOEXEC;
                case "rw", "suid", "dev", "exec", "defaults" -> { }
                default -> data.add(word);
            }
        }
        return new Filesystem(type, device, flags, String.join(",", data));
    }

    private static BerthException invalid(String name, String message) {
        return BerthException.invalid("create " + name + ": " + message);
    }
}
