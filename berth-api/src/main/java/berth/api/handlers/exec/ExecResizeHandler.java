package berth.api.handlers.exec;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /exec/{id}/resize?h=&w=}: accepted and ignored until exec sessions get terminals. */
public record ExecResizeHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.execInspect(req.param("id")); // 404 for an unknown exec, as Docker
        res.status(200);
    }
}
