package berth.client;

import static berth.client.DockerClient.segment;

import com.fasterxml.jackson.databind.JsonNode;

/** The network endpoints the CLI uses; networks may be named by ID, name or ID prefix. */
public final class Networks {
    private final DockerClient api;

    Networks(DockerClient api) { this.api = api; }

    /** {@code GET /networks}: filters go in the query. */
    public JsonNode list(Query query) { return api.get("/networks", query); }

    public JsonNode inspect(String id) { return api.get("/networks/" + segment(id), Query.of()); }

    /** {@code POST /networks/create}; returns {@code {"Id": ..., "Warning": ...}}. */
    public JsonNode create(JsonNode body) { return api.post("/networks/create", Query.of(), body); }

    public void remove(String id) { api.delete("/networks/" + segment(id), Query.of()); }

    public void connect(String network, JsonNode body) { api.post("/networks/" + segment(network) + "/connect", Query.of(), body); }

    public void disconnect(String network, JsonNode body) {
        api.post("/networks/" + segment(network) + "/disconnect", Query.of(), body);
    }

    /** {@code POST /networks/prune}; returns {@code {"NetworksDeleted": [...]}}. */
    public JsonNode prune(Query filters) { return api.post("/networks/prune", filters); }
}
