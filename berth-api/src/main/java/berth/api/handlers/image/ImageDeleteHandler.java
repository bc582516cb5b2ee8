package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import berth.image.ImageService;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code DELETE /images/{name}?force&noprune}: 200 with the Untagged/Deleted items. */
public record ImageDeleteHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var items = engine.removeImage(req.param("name"), req.query().bool("force"), req.query().bool("noprune"));
        res.json(items.stream().map(ImageDeleteHandler::wire).toList());
    }

    /** Docker sends only the key that applies: {@code {"Untagged": ...}} or {@code {"Deleted": ...}}. */
    static Map<String, String> wire(ImageService.DeleteItem item) {
        var out = new LinkedHashMap<String, String>();
        if (item.untagged() != null) out.put("Untagged", item.untagged());
        if (item.deleted() != null) out.put("Deleted", item.deleted());
        return out;
    }
}
