package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code POST /containers/{id}/kill?signal=}: 204; no signal means SIGKILL. */
public record ContainerKillHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.kill(req.param("id"), req.query().string("signal", ""));
        res.noContent();
    }
}
