package berth.api.handlers.volume;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code GET /volumes/{name}}: 404 "get NAME: no such volume". */
public record VolumeInspectHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(engine.volumes().inspect(req.param("name")));
    }
}
