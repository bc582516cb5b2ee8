package berth.api.handlers.exec;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code GET /exec/{id}/json}. */
public record ExecInspectHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(engine.execInspect(req.param("id")));
    }
}
