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
}
