package berth.api.handlers.volume;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import berth.volume.VolumeService.CreateRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /volumes/create}: Name (optional), Driver, DriverOpts, Labels. 201 with the volume. */
public record VolumeCreateHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        JsonNode body = req.body().json().filter(JsonNode::isObject).orElseGet(JsonNodeFactory.instance::objectNode);
        var request = new CreateRequest(body.path("Name").asText(""), body.path("Driver").asText(""),
                strings(body.path("DriverOpts")), strings(body.path("Labels")));
        res.created(engine.volumes().create(request));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
