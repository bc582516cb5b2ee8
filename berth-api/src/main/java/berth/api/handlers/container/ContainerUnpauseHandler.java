package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /containers/{id}/unpause}: 204. */
public record ContainerUnpauseHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.unpause(req.param("id"));
        res.noContent();
    }
}
