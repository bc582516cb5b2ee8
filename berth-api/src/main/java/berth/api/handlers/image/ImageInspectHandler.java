package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.ImageInspect;
import berth.engine.Engine;

/** {@code GET /images/{name}/json}; names may contain slashes. */
public record ImageInspectHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(ImageInspect.of(engine.images().inspect(req.param("name")), !req.version().atLeast(1, 44)));
    }
}
