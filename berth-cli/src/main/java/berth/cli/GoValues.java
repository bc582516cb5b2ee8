package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How Go's templates print and test values (fmt's %v and template truth), applied to JSON. */
final class GoValues {
    private GoValues() {}

    static String print(JsonNode v) {
        if (v.isMissingNode()) return "<no value>";
        if (v.isNull()) return "<nil>";
        if (v.isTextual()) return v.textValue();
        if (v.isIntegralNumber() || v.isBoolean()) return v.asText();
        if (v.isNumber()) return floatText(v.doubleValue());
        if (v.isArray()) return "[" + String.join(" ", elements(v).stream().map(GoValues::print).toList()) + "]";
        return "map[" + String.join(" ", sorted(v).entrySet().stream().map(e -> e.getKey() + ":" + print(e.getValue())).toList()) + "]";
    }

    /** Go's template truth: false, 0, "", nil and empty collections are false. */
    static boolean truthy(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) return false;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isNumber()) return v.doubleValue() != 0;
        if (v.isTextual()) return !v.textValue().isEmpty();
        return !v.isEmpty();
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    static Map<String, JsonNode> sorted(JsonNode object) {
        Map<String, JsonNode> map = new TreeMap<>();
        object.fieldNames().forEachRemaining(k -> map.put(k, object.get(k)));
        return map;
    }

    private static String floatText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
