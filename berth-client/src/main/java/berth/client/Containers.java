package berth.client;

import static berth.client.DockerClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The container and exec endpoints, one method each; ids may be names or id prefixes. */
public final class Containers {
    private final DockerClient api;

    Containers(DockerClient api) { this.api = api; }

    /** {@code GET /containers/json}: all, limit, size, filters go in the query. */
    public JsonNode list(Query query) { return api.get("/containers/json", query); }

    /** {@code POST /containers/create}; returns the body ({@code Id}, {@code Warnings}). */
    public JsonNode create(Optional<String> name, JsonNode config) {
        Query q = name.map(n -> Query.of().with("name", n)).orElse(Query.of());
        return api.post("/containers/create", q, config);
    }

    public JsonNode inspect(String id) { return api.get(path(id, "/json"), Query.of()); }

    public void start(String id) { api.post(path(id, "/start"), Query.of()); }

    public void stop(String id, Optional<Integer> timeout) {
        api.post(path(id, "/stop"), timeout.map(t -> Query.of().with("t", t)).orElse(Query.of()));
    }

    public void restart(String id, Optional<Integer> timeout) {
        api.post(path(id, "/restart"), timeout.map(t -> Query.of().with("t", t)).orElse(Query.of()));
    }

    public void kill(String id, Optional<String> signal) {
        api.post(path(id, "/kill"), signal.map(s -> Query.of().with("signal", s)).orElse(Query.of()));
    }

    public void pause(String id) { api.post(path(id, "/pause"), Query.of()); }

    public void unpause(String id) { api.post(path(id, "/unpause"), Query.of()); }

    /** {@code POST /containers/{id}/update}: Resources fields and RestartPolicy; returns {@code {"Warnings": [...]}}. */
    public JsonNode update(String id, JsonNode changes) { return api.post(path(id, "/update"), Query.of(), changes); }

    public void rename(String id, String name) { api.post(path(id, "/rename"), Query.of().with("name", name)); }

    public void remove(String id, boolean force, boolean volumes) {
        api.delete(path(id, ""), Query.of().flag("force", force).flag("v", volumes));
    }

    public JsonNode prune(Query filters) { return api.post("/containers/prune", filters); }

    /** Attaches stdout and stderr (and stdin when asked) before or after start; output streams until exit.
     * {@code detachKeys}: "" for the daemon's default. */
    public Hijack attach(String id, boolean stdin, boolean tty, String detachKeys) {
        Query q = Query.of().with("stream", 1).flag("stdin", stdin).with("stdout", 1).with("stderr", 1);
        if (!detachKeys.isEmpty()) q = q.with("detachKeys", detachKeys);
        return api.hijack(path(id, "/attach"), q, Body.none(), tty);
    }

    /** {@code POST /containers/{id}/resize}: the container's terminal takes this size. */
    public void resize(String id, int height, int width) {
        api.post(path(id, "/resize"), Query.of().with("h", height).with("w", width));
    }

    /** {@code POST /exec/{id}/resize}. */
    public void resizeExec(String execId, int height, int width) {
        api.post("/exec/" + segment(execId) + "/resize", Query.of().with("h", height).with("w", width));
    }

    /** {@code condition}: "not-running", "next-exit" or "removed". Returns once the daemon is watching. */
    public PendingWait waitFor(String id, String condition) {
        return new PendingWait(api.send("POST", path(id, "/wait"), Query.of().with("condition", condition), Body.none()));
    }

    /** {@code GET /containers/{id}/logs}: multiplexed unless the container has a TTY. */
    public Response logs(String id, Query query) { return api.send("GET", path(id, "/logs"), query, Body.none()); }

    /** {@code POST /containers/{id}/exec}; returns the exec id. */
    public String createExec(String id, JsonNode config) {
        return api.post(path(id, "/exec"), Query.of(), config).path("Id").asText();
    }

    public Hijack startExecAttached(String execId, boolean tty) {
        return api.hijack("/exec/" + segment(execId) + "/start", Query.of(), Body.json(execStart(false, tty)), tty);
    }

    public void startExecDetached(String execId, boolean tty) {
        api.send("POST", "/exec/" + segment(execId) + "/start", Query.of(), Body.json(execStart(true, tty))).close();
    }

    public JsonNode inspectExec(String execId) { return api.get("/exec/" + segment(execId) + "/json", Query.of()); }

    private static String execStart(boolean detach, boolean tty) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("Detach", detach).put("Tty", tty);
        return DockerClient.write(body);
    }

    private static String path(String id, String rest) { return "/containers/" + segment(id) + rest; }
}
