package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code PUT /containers/{id}/archive?path&noOverwriteDirNonDir&copyUIDGID}: the body, a tar read as it
 * arrives, is extracted into the directory {@code path}. */
public record ContainerArchivePutHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        engine.files().extract(req.param("id"), PathStats.path(q), req.body().stream(),
                q.bool("noOverwriteDirNonDir"), q.bool("copyUIDGID"));
        res.status(200);
    }
}
