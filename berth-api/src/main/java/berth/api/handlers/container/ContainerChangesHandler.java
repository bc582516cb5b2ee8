package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.ChangeItem;
import berth.engine.Engine;

/** {@code GET /containers/{id}/changes}: the writable layer against the image (0 modified, 1 added, 2 deleted). */
public record ContainerChangesHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(engine.files().changes(req.param("id")).stream().map(ChangeItem::of).toList());
    }
}
