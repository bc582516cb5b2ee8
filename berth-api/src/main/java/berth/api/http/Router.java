package berth.api.http;

import berth.common.BerthException;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds the route for a method and path, with or without a {@code /vX.Y} prefix. First match wins. */
public final class Router {

    private static final Pattern VERSIONED = Pattern.compile("/v([0-9.]+)(/.*)");

    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A matched route with its parameters and the API version the path asked for. */
    public record Match(Route route, Map<String, String> params, ApiVersion version) {}

    /** Throws InvalidArgument for an unsupported version, NotFound ("page not found") for no route. */
    public Match route(HttpMethod method, String rawPath) {
        var path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        var version = ApiVersion.MAX;
        var v = VERSIONED.matcher(path);
        if (v.matches()) {
            version = ApiVersion.supported(v.group(1));
            path = v.group(2);
        }
        for (var route : routes) {
            var found = match(route, method, path);
            if (found.isPresent()) return new Match(route, found.get(), version);
        }
        throw BerthException.notFound("page not found");
    }

    private static Optional<Map<String, String>> match(Route route, HttpMethod method, String path) {
        if (!route.method().equals(method)) return Optional.empty();
        var m = route.regex().matcher(path);
        if (!m.matches()) return Optional.empty();
        var params = new LinkedHashMap<String, String>();
        for (int i = 0; i < route.names().size(); i++) params.put(route.names().get(i), m.group(i + 1));
        return Optional.of(params);
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        public Builder get(String pattern, Handler h) { return add(HttpMethod.GET, pattern, Route.Mode.PLAIN, h); }
        public Builder head(String pattern, Handler h) { return add(HttpMethod.HEAD, pattern, Route.Mode.PLAIN, h); }
        public Builder post(String pattern, Handler h) { return add(HttpMethod.POST, pattern, Route.Mode.PLAIN, h); }
        public Builder delete(String pattern, Handler h) { return add(HttpMethod.DELETE, pattern, Route.Mode.PLAIN, h); }

        public Builder add(HttpMethod method, String pattern, Route.Mode mode, Handler h) {
            routes.add(Route.of(method, pattern, mode, h));
            return this;
        }

        public Router build() {
            return new Router(routes);
        }
    }
}
