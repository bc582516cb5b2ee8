package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code GET /containers/{id}/top?ps_args=}: {@code {"Titles": [...], "Processes": [[...]]}}. */
public record ContainerTopHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(engine.top(req.param("id"), req.query().string("ps_args", "")));
    }
}
