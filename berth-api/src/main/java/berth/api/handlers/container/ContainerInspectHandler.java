package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code GET /containers/{id}/json?size}. */
public record ContainerInspectHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(engine.inspect(req.param("id"), req.query().bool("size")));
    }
}
