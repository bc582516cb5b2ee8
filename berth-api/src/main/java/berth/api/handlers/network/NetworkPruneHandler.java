package berth.api.handlers.network;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.util.Map;

/** {@code POST /networks/prune?filters}: {@code {"NetworksDeleted": [names]}}. */
public record NetworkPruneHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(Map.of("NetworksDeleted", engine.networks().prune(req.query().filters())));
    }
}
