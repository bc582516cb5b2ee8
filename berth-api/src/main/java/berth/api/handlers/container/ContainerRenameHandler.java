package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /containers/{id}/rename?name=}: 204. */
public record ContainerRenameHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.rename(req.param("id"), req.query().string("name", ""));
        res.noContent();
    }
}
