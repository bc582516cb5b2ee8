package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code HEAD /containers/{id}/archive?path}: the path's stat in the X-Docker-Container-Path-Stat header. */
public record ContainerArchiveStatHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var stat = engine.files().stat(req.param("id"), PathStats.path(req.query()));
        res.text(200, "", "", PathStats.header(stat));
    }
}
