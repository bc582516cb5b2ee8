package berth.client;

import static berth.client.DockerClient.segment;

import com.fasterxml.jackson.databind.JsonNode;

/** The volume endpoints the CLI uses. */
public final class Volumes {
    private final DockerClient api;

    Volumes(DockerClient api) { this.api = api; }

    /** {@code GET /volumes}: {@code {"Volumes": [...], "Warnings": [...]}}; filters go in the query. */
    public JsonNode list(Query query) { return api.get("/volumes", query); }

    public JsonNode inspect(String name) { return api.get("/volumes/" + segment(name), Query.of()); }

    /** {@code POST /volumes/create}: Name, Driver, DriverOpts, Labels; returns the volume. */
    public JsonNode create(JsonNode body) { return api.post("/volumes/create", Query.of(), body); }

    public void remove(String name, boolean force) {
        api.delete("/volumes/" + segment(name), Query.of().flag("force", force));
    }

    /** {@code POST /volumes/prune}; returns {@code {"VolumesDeleted": [...], "SpaceReclaimed": n}}. */
    public JsonNode prune(Query filters) { return api.post("/volumes/prune", filters); }
}
