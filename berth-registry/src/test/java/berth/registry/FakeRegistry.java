package berth.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A registry of a few canned answers on 127.0.0.1 (JDK HTTP server), recording what it was asked. */
final class FakeRegistry implements AutoCloseable {
    /** Handles one request; return false to fall through to the default 404. */
    interface Route {
        boolean handle(HttpExchange ex) throws IOException;
    }

    final HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) authorizations.put(ex.getRequestURI().getPath(), auth);
            try {
                for (Route r : routes) if (r.handle(ex)) return;
                reply(ex, 404, "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"no route\"}]}");
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    FakeRegistry route(Route r) {
        routes.add(r);
        return this;
    }

    String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        reply(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getRequestBody().readAllBytes();
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
