package berth.client;

import berth.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Docker Engine API client over a unix socket or TCP (with TLS). Requests are prefixed with the negotiated {@code /v1.xx};
 * non-2xx answers throw {@link ApiException}, an absent daemon {@link DaemonUnavailableException}.
 * The generic methods take an unversioned path ({@code "/containers/json"}); {@link Containers} and
 * {@link Images} name the endpoints the CLI uses.
 */
public final class DockerClient {
    private final DockerHost host;
    private final HttpConnection http;
    private ApiVersion version; // negotiated on first use, as docker does

    private DockerClient(DockerHost host, ApiVersion version) {
        this.host = host;
        this.http = new HttpConnection(host);
        this.version = version;
    }

    /** A client that negotiates its API version with the daemon on the first request. */
    public static DockerClient connect(DockerHost host) { return new DockerClient(host, null); }

    /** A client pinned to a version: no ping first. */
    public static DockerClient connect(DockerHost host, ApiVersion version) { return new DockerClient(host, version); }

    public DockerHost host() { return host; }

    public synchronized ApiVersion apiVersion() {
        if (version == null) {
            version = ApiVersion.negotiate(ping().header("api-version").orElse(""));
        }
        return version;
    }

    /** {@code GET /_ping}, unversioned; returns the (already read) response for its headers. */
    public Response ping() {
        try (Response r = http.exchange(Request.of("GET", "/_ping", Body.none()))) {
            r.bytes();
            return r;
        }
    }

    public JsonNode version() { return get("/version", Query.of()); }

    public JsonNode info() { return get("/info", Query.of()); }

    public Containers containers() { return new Containers(this); }

    public Images images() { return new Images(this); }

    public Archives archives() { return new Archives(this); }
    public Networks networks() { return new Networks(this); }

    public Volumes volumes() { return new Volumes(this); }

    /** Sends a request and returns the streaming response, or throws on a non-2xx status. */
    public Response send(String method, String path, Query query, Body body) {
        Response r = http.exchange(Request.of(method, versioned(path, query), body));
        return checked(r);
    }

    /** As {@link #send(String, String, Query, Body)}, with extra headers (the registry credentials of pull and push). */
    public Response send(String method, String path, Query query, Body body, java.util.Map<String, String> headers) {
        Request request = Request.of(method, versioned(path, query), body);
        for (var h : headers.entrySet()) {
            request = request.withHeader(h.getKey(), h.getValue());
        }
        return checked(http.exchange(request));
    }

    /** {@code POST /auth}: the daemon checks credentials with the registry; {@code {"Status", "IdentityToken"}}. */
    public JsonNode auth(JsonNode credentials) { return post("/auth", Query.of(), credentials); }

    public JsonNode get(String path, Query query) { return json(send("GET", path, query, Body.none())); }

    public JsonNode post(String path, Query query) { return json(send("POST", path, query, Body.none())); }

    public JsonNode post(String path, Query query, JsonNode body) {
        return json(send("POST", path, query, Body.json(write(body))));
    }

    public JsonNode delete(String path, Query query) { return json(send("DELETE", path, query, Body.none())); }

    /** An upgraded request (attach, exec start); multiplexing follows the Content-Type, else {@code !tty}. */
    public Hijack hijack(String path, Query query, Body body, boolean tty) {
        Response r = checked(http.exchange(Request.of("POST", versioned(path, query), body).upgraded()));
        boolean multiplexed = r.header("content-type")
                .map(t -> t.contains("multiplexed") || !t.contains("raw-stream") && !tty)
                .orElse(!tty);
        return new Hijack(r.body(), r.wire(), multiplexed);
    }

    String versioned(String path, Query query) { return "/v" + apiVersion() + path + query; }

    /** Path segments are ids and names; image names keep their '/' and ':' as docker sends them. */
    static String segment(String s) {
        return s.replace("%", "%25").replace(" ", "%20").replace("?", "%3F").replace("#", "%23");
    }

    static String write(JsonNode node) {
        try {
            return Json.docker().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Response checked(Response r) {
        if (r.ok() || r.status() == 101 || r.status() == 304) {
            return r;
        }
        try (r) {
            throw new ApiException(r.status(), errorMessage(r.status(), r.text()));
        }
    }

    static String errorMessage(int status, String body) {
        try {
            JsonNode node = Json.docker().readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (JsonProcessingException notJson) {
            // fall through: some proxies answer in plain text
        }
        return body.isBlank() ? "HTTP status " + status : body.trim();
    }

    private static JsonNode json(Response r) {
        try (r) {
            byte[] bytes = r.bytes();
            return bytes.length == 0 ? MissingNode.getInstance() : Json.docker().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
