package berth.api.http;

import berth.common.BerthException;
import berth.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The query parameters of a request, read the way Docker's server reads them. */
public record Query(Map<String, List<String>> params) {

    /** Values Docker's {@code BoolValue} reads as false; anything else present is true. */
    private static final Set<String> FALSE = Set.of("", "0", "no", "false", "none");

    public Query {
        params = Map.copyOf(params);
    }

    public static Query empty() {
        return new Query(Map.of());
    }

    public Optional<String> string(String name) {
        var values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    public String string(String name, String fallback) {
        return string(name).orElse(fallback);
    }

    public List<String> all(String name) {
        return params.getOrDefault(name, List.of());
    }

    public boolean bool(String name) {
        return string(name).map(v -> !FALSE.contains(v.trim().toLowerCase())).orElse(false);
    }

    /** Like {@link #bool(String)}, but {@code fallback} when absent or empty. */
    public boolean bool(String name, boolean fallback) {
        return string(name).filter(v -> !v.isBlank()).map(v -> bool(name)).orElse(fallback);
    }

    public OptionalInt integer(String name) {
        var value = string(name).filter(v -> !v.isBlank());
        if (value.isEmpty()) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(value.get().trim()));
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid value for " + name + ": " + value.get());
        }
    }

    /** The {@code filters} parameter: {@code {"k":["v"]}}, or the pre-1.22 form {@code {"k":{"v":true}}}. */
    public Map<String, List<String>> filters() {
        var raw = string("filters").filter(v -> !v.isBlank());
        return raw.isEmpty() ? Map.of() : parseFilters(raw.get());
    }

    static Map<String, List<String>> parseFilters(String json) {
        JsonNode root;
        try {
            root = Json.docker().readTree(json);
        } catch (JsonProcessingException e) {
            throw BerthException.invalid("invalid filter: " + e.getOriginalMessage());
        }
        if (!root.isObject()) throw BerthException.invalid("invalid filter: expected a JSON object");
        var out = new LinkedHashMap<String, List<String>>();
        root.properties().forEach(e -> out.put(e.getKey(), filterValues(e.getValue())));
        return Map.copyOf(out);
    }

    private static List<String> filterValues(JsonNode node) {
        var values = new ArrayList<String>();
        if (node.isArray()) node.forEach(v -> values.add(v.asText()));
        else if (node.isObject()) node.properties().forEach(e -> { if (e.getValue().asBoolean()) values.add(e.getKey()); });
        else values.add(node.asText());
        return List.copyOf(values);
    }
}
