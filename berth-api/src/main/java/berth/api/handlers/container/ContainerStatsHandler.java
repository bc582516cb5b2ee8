package berth.api.handlers.container;

import berth.api.http.ChunkedStream;
import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.util.Optional;

/**
 * {@code GET /containers/{id}/stats?stream=&one-shot=}: a JSON sample a second while streaming (the
 * default), else one. The headers go out with the first sample, so an unknown container is still a 404.
 */
public record ContainerStatsHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        var options = new Engine.StatsOptions(q.bool("stream", true), q.bool("one-shot"));
        var out = new ChunkedStream[1];
        try {
            engine.stats(req.param("id"), options, sample -> {
                if (out[0] == null) out[0] = res.stream("application/json");
                return out[0].writeJson(sample);
            });
        } finally {
            Optional.ofNullable(out[0]).ifPresent(ChunkedStream::close);
        }
    }
}
