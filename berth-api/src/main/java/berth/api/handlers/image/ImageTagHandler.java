package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /images/{name}/tag?repo&tag}: 201. */
public record ImageTagHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.images().tag(req.param("name"), req.query().string("repo", ""), req.query().string("tag", ""));
        res.status(201);
    }
}
