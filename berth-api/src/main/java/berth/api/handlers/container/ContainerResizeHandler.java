package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /containers/{id}/resize?h=&w=}: accepted and ignored until containers get terminals. */
public record ContainerResizeHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.inspect(req.param("id"), false); // 404 for an unknown container, as Docker
        res.status(200);
    }
}
