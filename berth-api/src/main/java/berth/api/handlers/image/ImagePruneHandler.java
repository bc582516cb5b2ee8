package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.util.LinkedHashMap;

/** {@code POST /images/prune?filters}: ImagesDeleted (null when none, as Docker sends it) and SpaceReclaimed. */
public record ImagePruneHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var report = engine.pruneImages(req.query().filters());
        var body = new LinkedHashMap<String, Object>();
        body.put("ImagesDeleted", report.deleted().isEmpty() ? null
                : report.deleted().stream().map(ImageDeleteHandler::wire).toList());
        body.put("SpaceReclaimed", report.spaceReclaimed());
        res.json(body);
    }
}
