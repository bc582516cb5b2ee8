package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /containers/{id}/resize?h=&w=}: the container's terminal takes the client's size. */
public record ContainerResizeHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        engine.resize(req.param("id"), q.integer("h").orElse(0), q.integer("w").orElse(0));
        res.status(200);
    }
}
