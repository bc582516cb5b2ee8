package berth.api.handlers.network;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.common.BerthException;
import berth.engine.Engine;
import berth.network.NetworkService.CreateRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /networks/create}: Name, Driver, Internal, IPAM.Config[0] (Subnet, Gateway, IPRange), Options, Labels. 201. */
public record NetworkCreateHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        JsonNode body = req.body().json().filter(JsonNode::isObject)
                .orElseThrow(() -> BerthException.invalid("network name is required"));
        if (body.path("EnableIPv6").asBoolean(false)) throw BerthException.invalid("IPv6 networks are not supported yet");
        JsonNode pool = body.path("IPAM").path("Config").path(0);
        var request = new CreateRequest(body.path("Name").asText(""), body.path("Driver").asText(""),
                pool.path("Subnet").asText(""), pool.path("Gateway").asText(""), pool.path("IPRange").asText(""),
                body.path("Internal").asBoolean(false), strings(body.path("Options")), strings(body.path("Labels")));
        String id = engine.networks().create(request);
        res.created(Map.of("Id", id, "Warning", ""));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
