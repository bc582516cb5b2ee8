package berth.api.handlers.volume;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.util.List;
import java.util.Map;

/** {@code GET /volumes?filters}: {@code {"Volumes": [...], "Warnings": []}}. */
public record VolumeListHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(Map.of("Volumes", engine.volumes().list(req.query().filters()), "Warnings", List.of()));
    }
}
