package berth.api.handlers.network;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code DELETE /networks/{id}}: 204; 403 for pre-defined networks and networks with running containers. */
public record NetworkDeleteHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        engine.networks().remove(req.param("id"));
        res.noContent();
    }
}
