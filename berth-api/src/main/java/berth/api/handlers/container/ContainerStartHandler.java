package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /containers/{id}/start}: 204, or 304 when already running. */
public record ContainerStartHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.start(req.param("id"));
        res.noContent();
    }
}
