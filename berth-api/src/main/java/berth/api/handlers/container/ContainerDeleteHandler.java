package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code DELETE /containers/{id}?force&v}: 204. */
public record ContainerDeleteHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.remove(req.param("id"), req.query().bool("force"), req.query().bool("v"));
        res.noContent();
    }
}
