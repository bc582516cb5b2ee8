package berth.api.handlers.system;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.ImageSummary;
import berth.engine.Engine;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code GET /system/df?type=}: LayersSize, Images, Containers, Volumes (with UsageData) and BuildCache (berth
 * has no build cache yet: an empty list). With {@code type} only the named sections are sent.
 */
public record SystemDfHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        List<String> types = req.query().all("type");
        var usage = engine.diskUsage();
        boolean virtualSize = !req.version().atLeast(1, 44);
        var body = new LinkedHashMap<String, Object>();
        if (types.isEmpty() || types.contains("image")) {
            body.put("LayersSize", usage.layersSize());
            body.put("Images", usage.images().stream()
                    .map(u -> ImageSummary.of(u.image(), virtualSize, u.sharedSize(), u.containers())).toList());
        }
        if (types.isEmpty() || types.contains("container")) body.put("Containers", usage.containers());
        if (types.isEmpty() || types.contains("volume")) body.put("Volumes", engine.volumes().usage());
        if (types.isEmpty() || types.contains("build-cache")) body.put("BuildCache", List.of());
        res.json(body);
    }
}
