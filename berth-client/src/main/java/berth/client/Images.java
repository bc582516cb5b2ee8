package berth.client;

import static berth.client.DockerClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;

/** The image endpoints the CLI uses. Load and import answer with a JSON message stream. */
public final class Images {
    private final DockerClient api;

    Images(DockerClient api) { this.api = api; }

    public JsonNode list(Query query) { return api.get("/images/json", query); }

    public JsonNode inspect(String name) { return api.get("/images/" + segment(name) + "/json", Query.of()); }

    /** {@code GET /images/{name}/history}: newest first. */
    public JsonNode history(String name) { return api.get("/images/" + segment(name) + "/history", Query.of()); }

    /** {@code GET /images/get?names=...}: the images as one tar, streamed. */
    public Response save(java.util.List<String> names) {
        Query q = Query.of();
        for (String n : names) q = q.with("names", n);
        return api.send("GET", "/images/get", q, Body.none());
    }

    /** {@code POST /images/prune}: ImagesDeleted and SpaceReclaimed. */
    public JsonNode prune(Query query) { return api.post("/images/prune", query); }

    /** {@code GET /system/df}. */
    public JsonNode diskUsage() { return api.get("/system/df", Query.of()); }

    public void tag(String source, String repo, String tag) {
        api.post("/images/" + segment(source) + "/tag", Query.of().with("repo", repo).with("tag", tag));
    }

    /** {@code DELETE /images/{name}}: an array of {@code {"Untagged": ...}} and {@code {"Deleted": ...}}. */
    public JsonNode remove(String name, boolean force) {
        return api.delete("/images/" + segment(name), Query.of().flag("force", force));
    }

    /** {@code POST /images/load}; {@code length < 0} streams the tar chunked. */
    public Response load(InputStream tar, long length, boolean quiet) {
        return api.send("POST", "/images/load", Query.of().flag("quiet", quiet), Body.tar(tar, length));
    }

    /** {@code POST /images/create?fromSrc=-}: the query carries repo, tag, message and changes. */
    public Response importTar(InputStream tar, long length, Query query) {
        return api.send("POST", "/images/create", query, Body.tar(tar, length));
    }

    /** {@code POST /images/create?fromImage=…}: a pull; {@code registryAuth} is the X-Registry-Auth value. */
    public Response pull(Query query, String registryAuth) {
        return api.send("POST", "/images/create", query, Body.none(), java.util.Map.of("X-Registry-Auth", registryAuth));
    }

    /** {@code POST /images/{name}/push}: {@code name} without its tag, which goes in the query. */
    public Response push(String name, Query query, String registryAuth) {
        return api.send("POST", "/images/" + segment(name) + "/push", query, Body.none(),
                java.util.Map.of("X-Registry-Auth", registryAuth));
    }
}
