package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.ImageSummary;
import berth.engine.Engine;

/** {@code GET /images/json?all&filters&digests}. */
public record ImageListHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var withVirtualSize = !req.version().atLeast(1, 44);
        var noneNames = !req.version().atLeast(1, 43);
        res.json(engine.images().list(req.query().bool("all"), req.query().filters()).stream()
                .map(image -> ImageSummary.of(image, withVirtualSize))
                .map(summary -> noneNames ? summary.withNoneNames() : summary)
                .toList());
    }
}
