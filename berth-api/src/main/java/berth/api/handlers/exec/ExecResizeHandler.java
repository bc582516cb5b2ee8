package berth.api.handlers.exec;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /exec/{id}/resize?h=&w=}: the exec's terminal takes the client's size. */
public record ExecResizeHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        engine.execResize(req.param("id"), q.integer("h").orElse(0), q.integer("w").orElse(0));
        res.status(200);
    }
}
