package berth.api.handlers.network;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/** {@code GET /networks/{id}}: by ID, name or unique ID prefix, with the containers attached. */
public record NetworkInspectHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(engine.networks().inspect(req.param("id")));
    }
}
