package berth.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -f key=value} flags as docker encodes them: {@code {"key":{"value":true}}}. */
final class Filters {
    private Filters() {}

    static String json(List<String> flags) {
        Map<String, Map<String, Boolean>> byKey = new LinkedHashMap<>();
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                throw new CliException(125, "invalid argument \"" + flag + "\" for \"-f, --filter\" flag: bad format of filter (expected name=value)");
            }
            byKey.computeIfAbsent(flag.substring(0, eq).trim(), k -> new LinkedHashMap<>()).put(flag.substring(eq + 1), true);
        }
        return TemplateFunctions.json(berth.common.Json.docker().valueToTree(byKey));
    }
}
