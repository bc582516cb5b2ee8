package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.io.IOException;
import java.util.List;

/** {@code GET /images/{name}/get}: one image (or repository) as a docker-save tar. */
public record ImageGetHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) throws IOException {
        ImageSave.send(engine, List.of(req.param("name")), res);
    }
}
