package berth.api.handlers.network;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.common.BerthException;
import berth.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /networks/{id}/disconnect}: {@code {"Container": ..., "Force": false}}. */
public record NetworkDisconnectHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        JsonNode body = req.body().json().orElseThrow(() -> BerthException.invalid("container is required"));
        String container = body.path("Container").asText("");
        if (container.isEmpty()) throw BerthException.invalid("container is required");
        engine.networks().disconnect(req.param("id"), container, body.path("Force").asBoolean(false));
        res.status(200);
    }
}
