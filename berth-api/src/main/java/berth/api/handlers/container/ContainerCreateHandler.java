package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import berth.api.http.JsonBodies;
import berth.api.wire.CreateResponse;
import berth.common.BerthException;
import berth.engine.model.ContainerConfig;
import berth.engine.model.HostConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** {@code POST /containers/create?name=}: Config fields at the top level, plus HostConfig. 201. */
public record ContainerCreateHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var body = req.body().json().filter(JsonNode::isObject).filter(n -> !n.isEmpty())
                .orElseThrow(() -> BerthException.invalid("Config cannot be empty in order to create a container"));
        var config = JsonBodies.convert(body, ContainerConfig.class);
        var name = req.query().string("name").filter(n -> !n.isBlank());
        var created = engine.create(name, config, hostConfig(body), CreateNetworking.of(body));
        res.created(new CreateResponse(created.id(), created.warnings()));
    }

    private static HostConfig hostConfig(JsonNode body) {
        return Optional.ofNullable(body.get("HostConfig")).filter(JsonNode::isObject)
                .map(n -> JsonBodies.convert(n, HostConfig.class).normalized())
                .orElseGet(HostConfig::defaults);
    }
}
