package berth.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An immutable query string builder; parameters keep their order and may repeat (import's {@code changes}). */
public record Query(List<String> pairs) {
    public Query {
        pairs = List.copyOf(pairs);
    }

    public static Query of() { return new Query(List.of()); }

    public Query with(String key, Object value) {
        List<String> next = new ArrayList<>(pairs);
        next.add(encode(key) + "=" + encode(String.valueOf(value)));
        return new Query(next);
    }

    /** Adds {@code key=1} only when the flag is set, as docker sends booleans. */
    public Query flag(String key, boolean set) { return set ? with(key, "1") : this; }

    public Query withIfPresent(String key, String value) { return value.isEmpty() ? this : with(key, value); }

    @Override
    public String toString() { return pairs.isEmpty() ? "" : "?" + String.join("&", pairs); }

    private static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }
}
