package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.JsonBodies;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.UpdateResponse;
import berth.common.BerthException;
import berth.engine.Engine;
import berth.engine.model.HostConfig;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /containers/{id}/update}: the Resources fields and RestartPolicy (as in HostConfig). 200 with Warnings. */
public record ContainerUpdateHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        JsonNode body = req.body().json().filter(JsonNode::isObject)
                .orElseThrow(() -> BerthException.invalid("invalid update config: a JSON object is required"));
        // not normalized: a RestartPolicy left out must stay "unchanged"
        var changes = JsonBodies.convert(body, HostConfig.class);
        res.json(new UpdateResponse(engine.update(req.param("id"), changes)));
    }
}
