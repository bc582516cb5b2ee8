package berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * docker's {@code --mount} syntax, turned into a HostConfig.Mounts entry as the docker CLI sends it:
 * comma-separated {@code key=value} fields (type, source|src, target|destination|dst, readonly|ro,
 * bind-propagation, bind-nonrecursive, volume-nocopy, volume-label, volume-driver, volume-opt, tmpfs-size,
 * tmpfs-mode, consistency). Bad input is a usage error (exit 125) with docker's wording.
 */
final class MountFlags {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MountFlags() {}

    static ObjectNode parse(String value) {
        ObjectNode m = JSON.objectNode().put("Type", "volume");
        for (String field : value.split(",")) {
            if (field.isEmpty()) continue;
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? "" : field.substring(eq + 1);
            if (eq < 0 && !List.of("readonly", "ro", "volume-nocopy", "bind-nonrecursive").contains(key))
                throw bad(value, "invalid field '" + field + "' must be a key=value pair");
            apply(m, value, key, v, eq < 0);
        }
        if (m.path("Target").asText("").isEmpty()) throw bad(value, "target is required");
        return m;
    }

    private static void apply(ObjectNode m, String value, String key, String v, boolean bare) {
        switch (key) {
            case "type" -> m.put("Type", v);
            case "source", "src" -> m.put("Source", v);
            case "target", "destination", "dst" -> m.put("Target", v);
            case "readonly", "ro" -> m.put("ReadOnly", bare || bool(value, key, v));
            case "consistency" -> m.put("Consistency", v);
            case "bind-propagation" -> bindOptions(m).put("Propagation", v);
            case "bind-nonrecursive" -> bindOptions(m).put("NonRecursive", bare || bool(value, key, v));
            case "volume-nocopy" -> volumeOptions(m).put("NoCopy", bare || bool(value, key, v));
            case "volume-label" -> pair(volumeOptions(m).withObjectProperty("Labels"), v);
            case "volume-driver" -> volumeOptions(m).withObjectProperty("DriverConfig").put("Name", v);
            case "volume-opt" -> pair(volumeOptions(m).withObjectProperty("DriverConfig").withObjectProperty("Options"), v);
            case "tmpfs-size" -> tmpfsOptions(m).put("SizeBytes", bytes(value, v));
            case "tmpfs-mode" -> tmpfsOptions(m).put("Mode", octal(value, v));
            default -> throw bad(value, "unexpected key '" + key + "' in '" + key + "=" + v + "'");
        }
    }

    private static ObjectNode bindOptions(ObjectNode m) { return m.withObjectProperty("BindOptions"); }

    private static ObjectNode volumeOptions(ObjectNode m) { return m.withObjectProperty("VolumeOptions"); }

    private static ObjectNode tmpfsOptions(ObjectNode m) { return m.withObjectProperty("TmpfsOptions"); }

    private static void pair(ObjectNode node, String kv) {
        int eq = kv.indexOf('=');
        node.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }

    private static boolean bool(String value, String key, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw bad(value, "invalid value for " + key + ": " + v);
        };
    }

    private static int octal(String value, String v) {
        try {
            return Integer.parseInt(v, 8);
        } catch (NumberFormatException e) {
            throw bad(value, "invalid value for tmpfs-mode: " + v);
        }
    }

    /** docker's RAMInBytes: a number with an optional b, k, m, g, t suffix (powers of 1024). */
    static long bytes(String value, String v) {
        var matcher = java.util.regex.Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)i?b?").matcher(v.trim());
        if (!matcher.matches()) throw bad(value, "invalid size: '" + v + "'");
        int power = "kmgtp".indexOf(matcher.group(2).toLowerCase(Locale.ROOT)) + 1;
        return (long) (Double.parseDouble(matcher.group(1)) * Math.pow(1024, power));
    }

    private static CliException bad(String value, String why) {
        return new CliException(125, "invalid argument \"" + value + "\" for \"--mount\" flag: " + why
                + "\nSee 'berth run --help'.");
    }
}
