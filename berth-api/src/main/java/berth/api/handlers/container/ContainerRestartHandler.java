package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /containers/{id}/restart?t=&signal=}: 204. */
public record ContainerRestartHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        engine.restart(req.param("id"), q.integer("t"), q.string("signal").filter(s -> !s.isBlank()));
        res.noContent();
    }
}
