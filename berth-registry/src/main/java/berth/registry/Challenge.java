package berth.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@code WWW-Authenticate} challenge: {@code Basic realm="x"} or {@code Bearer realm="..",service="..",scope=".."}. */
record Challenge(String scheme, Map<String, String> params) {

    static Optional<Challenge> parse(String header) {
        if (header == null || header.isBlank()) return Optional.empty();
        String h = header.trim();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        int i = space < 0 ? h.length() : space + 1;
        while (i < h.length()) {
            int eq = h.indexOf('=', i);
            if (eq < 0) break;
            String key = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < h.length() && h.charAt(j) == '"') {
                for (j++; j < h.length() && h.charAt(j) != '"'; j++) {
                    if (h.charAt(j) == '\\' && j + 1 < h.length()) j++;
                    value.append(h.charAt(j));
                }
                j++;
            } else {
                for (; j < h.length() && h.charAt(j) != ','; j++) value.append(h.charAt(j));
            }
            params.put(key, value.toString().trim());
            while (j < h.length() && (h.charAt(j) == ',' || h.charAt(j) == ' ')) j++;
            i = j;
        }
        return Optional.of(new Challenge(scheme, Map.copyOf(params)));
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }
}
