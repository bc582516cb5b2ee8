package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code GET /containers/json?all&limit&size&filters}. */
public record ContainerListHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        res.json(engine.list(new Engine.ListOptions(q.bool("all"), q.integer("limit").orElse(-1), q.bool("size"),
                q.filters())));
    }
}
