package berth.api.handlers.volume;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.util.Map;

/** {@code POST /volumes/prune?filters}: unused volumes; from API 1.42 anonymous ones only unless {@code all=true}. */
public record VolumePruneHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var result = engine.volumes().prune(req.query().filters(), req.version().atLeast(1, 42));
        res.json(Map.of("VolumesDeleted", result.volumesDeleted(), "SpaceReclaimed", result.spaceReclaimed()));
    }
}
