package berth.api.handlers.volume;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code DELETE /volumes/{name}?force}: 204; 409 when a container uses it (force or not). */
public record VolumeDeleteHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.volumes().remove(req.param("name"), req.query().bool("force"));
        res.noContent();
    }
}
