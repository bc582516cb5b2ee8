package berth.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * docker's parsers for the resource flags (its opts.MemBytes, MemSwapBytes, NanoCPUs, go-units' Ulimit), with
 * docker's messages: {@code invalid argument "x" for "-m, --memory" flag: invalid size: 'x'}, exit 125.
 */
final class ResourceFlags {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?");
    private static final Set<String> ULIMITS = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private ResourceFlags() {}

    /** A size with an optional b/k/m/g/t/p suffix in powers of 1024 (go-units RAMInBytes). */
    static long bytes(String flag, String value, String verb) {
        var m = SIZE.matcher(value);
        if (!m.matches()) throw bad(flag, value, "invalid size: '" + value + "'", verb);
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        return (long) (Double.parseDouble(m.group(1)) * Math.pow(1024, power));
    }

    /** --memory-swap: a size, or -1 for unlimited swap. */
    static long swapBytes(String flag, String value, String verb) {
        return value.equals("-1") ? -1 : bytes(flag, value, verb);
    }

    /** --cpus: a decimal number of CPUs, as nano-CPUs. */
    static long nanoCpus(String value, String verb) {
        BigDecimal cpus;
        try {
            cpus = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw bad("--cpus", value, "failed to parse " + value + " as a rational number", verb);
        }
        BigDecimal nano = cpus.movePointRight(9);
        if (nano.stripTrailingZeros().scale() > 0) throw bad("--cpus", value, "value is too precise", verb);
        return nano.longValueExact();
    }

    /** --ulimit name=soft[:hard]; a single value is both. */
    static com.fasterxml.jackson.databind.node.ObjectNode ulimit(String value, String verb) {
        int eq = value.indexOf('=');
        if (eq < 0) throw bad("--ulimit", value, "invalid ulimit argument: " + value, verb);
        String name = value.substring(0, eq);
        if (!ULIMITS.contains(name)) throw bad("--ulimit", value, "invalid ulimit type: " + name, verb);
        String[] limits = value.substring(eq + 1).split(":", -1);
        if (limits.length > 2)
            throw bad("--ulimit", value, "too many limit value arguments - " + value.substring(eq + 1)
                    + ", can only have up to two, `soft[:hard]`", verb);
        long soft = number("--ulimit", value, limits[0], verb);
        long hard = limits.length == 2 ? number("--ulimit", value, limits[1], verb) : soft;
        if (soft > hard)
            throw bad("--ulimit", value, "ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard, verb);
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("Name", name)
                .put("Soft", soft).put("Hard", hard);
    }

    private static long number(String flag, String value, String n, String verb) {
        try {
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            throw bad(flag, value, "strconv.ParseInt: parsing \"" + n + "\": invalid syntax", verb);
        }
    }

    static CliException bad(String flag, String value, String why, String verb) {
        return new CliException(125, "invalid argument \"" + value + "\" for \"" + flag + "\" flag: " + why
                + "\nSee 'berth " + verb + " --help'.");
    }
}
