package berth.api.handlers.network;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.common.BerthException;
import berth.engine.Engine;
import berth.network.EndpointConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /networks/{id}/connect}: {@code {"Container": ..., "EndpointConfig": {IPAMConfig, Aliases, MacAddress}}}. */
public record NetworkConnectHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        JsonNode body = req.body().json().orElseThrow(() -> BerthException.invalid("container is required"));
        String container = body.path("Container").asText("");
        if (container.isEmpty()) throw BerthException.invalid("container is required");
        JsonNode ep = body.path("EndpointConfig");
        List<String> aliases = new ArrayList<>();
        ep.path("Aliases").forEach(a -> aliases.add(a.asText()));
        var endpoint = new EndpointConfig(aliases, ep.path("IPAMConfig").path("IPv4Address").asText(""),
                ep.path("MacAddress").asText(""));
        engine.networks().connect(req.param("id"), container, endpoint);
        res.status(200);
    }
}
