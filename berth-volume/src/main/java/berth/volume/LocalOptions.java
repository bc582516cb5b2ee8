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

    /** mount(8)'s words that are mount(2) flags (set or, for their opposites, nothing); the rest is the filesystem's data. */
    Map<String, Long> FLAGS = Map.ofEntries(Map.entry("ro", 1L), Map.entry("nosuid", 2L), Map.entry("nodev", 4L),
            Map.entry("noexec", 8L), Map.entry("sync", 16L), Map.entry("mand", 64L), Map.entry("dirsync", 128L),
            Map.entry("noatime", 1024L), Map.entry("nodiratime", 2048L), Map.entry("relatime", 1L << 21),
            Map.entry("strictatime", 1L << 24), Map.entry("lazytime", 1L << 25));
    Set<String> NO_FLAG = Set.of("rw", "suid", "dev", "exec", "async", "nomand", "atime", "diratime", "norelatime",
            "nostrictatime", "nolazytime", "defaults", "");

    private static Filesystem filesystem(String type, String device, List<String> o) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String word : o) {
            if (FLAGS.containsKey(word)) flags |= FLAGS.get(word);
            else if (!NO_FLAG.contains(word)) data.add(word);
        }
        return new Filesystem(type, device, flags, String.join(",", data));
    }

    private static BerthException invalid(String name, String message) {
        return BerthException.invalid("create " + name + ": " + message);
    }
}
