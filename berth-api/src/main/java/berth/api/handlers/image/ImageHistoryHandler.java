package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.HistoryItem;
import berth.engine.Engine;

/** {@code GET /images/{name}/history}: the image's history, newest first. */
public record ImageHistoryHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(engine.images().history(req.param("name")).stream().map(HistoryItem::of).toList());
    }
}
