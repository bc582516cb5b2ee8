package berth.api.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Optional;

/** One API request as a handler sees it. Header names are lower-case. */
public record Request(HttpMethod method, String path, ApiVersion version, Map<String, String> pathParams,
                      Query query, Map<String, String> headers, Body body) {

    public Request {
        pathParams = Map.copyOf(pathParams);
        headers = Map.copyOf(headers);
    }

    /** A path parameter the route declares, so always present. */
    public String param(String name) {
        var value = pathParams.get(name);
        if (value == null) throw new IllegalStateException("route has no parameter " + name);
        return value;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    /** The JSON body bound to {@code type}; bad JSON or wrong shapes are a 400 with the parser's message. */
    public <T> Optional<T> bodyAs(Class<T> type) {
        return body.json().map(node -> JsonBodies.convert(node, type));
    }

    public boolean wantsUpgrade() {
        return header("upgrade").map(v -> v.equalsIgnoreCase("tcp")).orElse(false);
    }
}
