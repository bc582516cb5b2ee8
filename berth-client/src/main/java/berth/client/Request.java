package berth.client;

import java.util.List;
import java.util.Map;

/** One HTTP request; {@code target} is the path with its query string, already versioned. */
public record Request(String method, String target, Map<String, String> headers, Body body) {
    public Request {
        headers = Map.copyOf(headers);
    }

    public static Request of(String method, String target, Body body) {
        return new Request(method, target, Map.of(), body);
    }

    /** Docker's hijack handshake: the connection becomes a raw two-way stream after the response headers. */
    public Request upgraded() {
        return new Request(method, target, Map.of("Connection", "Upgrade", "Upgrade", "tcp"), body);
    }

    /** This request with one more header (e.g. {@code X-Registry-Auth}). */
    public Request withHeader(String name, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Request(method, target, more, body);
    }

    public boolean isUpgrade() { return headers.containsKey("Upgrade"); }

    List<String> headerLines() {
        return headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
