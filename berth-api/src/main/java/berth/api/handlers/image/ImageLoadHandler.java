package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.util.Map;

/** {@code POST /images/load?quiet}: the tar is read as it arrives; the answer is a JSON message stream. */
public record ImageLoadHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var loaded = engine.images().load(req.body().stream());
        try (var out = res.stream("application/json")) {
            loaded.forEach(line -> out.writeJson(Map.of("stream", line + "\n")));
        }
    }
}
