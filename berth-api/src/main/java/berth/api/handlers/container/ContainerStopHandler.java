package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /containers/{id}/stop?t=&signal=}: 204, or 304 when not running. */
public record ContainerStopHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        engine.stop(req.param("id"), q.integer("t"), q.string("signal").filter(s -> !s.isBlank()));
        res.noContent();
    }
}
