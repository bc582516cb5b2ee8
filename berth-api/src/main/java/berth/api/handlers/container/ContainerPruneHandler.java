package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import berth.api.wire.PruneResponse;

/** {@code POST /containers/prune?filters}. */
public record ContainerPruneHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var report = engine.prune(req.query().filters());
        res.json(new PruneResponse(report.containersDeleted(), report.spaceReclaimed()));
    }
}
