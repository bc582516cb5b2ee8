package berth.api.handlers.container;

import berth.api.http.ChunkedStream;
import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import berth.engine.view.ContainerStats;
import java.util.function.Predicate;

/**
 * {@code GET /containers/{id}/stats?stream=&one-shot=}: a JSON sample a second while streaming (the
 * default), else one. The headers go out with the first sample, so an unknown container is still a 404.
 */
public record ContainerStatsHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        var options = new Engine.StatsOptions(q.bool("stream", true), q.bool("one-shot"));
        try (var out = new LazyStream(res)) {
            engine.stats(req.param("id"), options, out);
        }
    }

    /** Opens the chunked response at the first sample. */
    private static final class LazyStream implements Predicate<ContainerStats>, AutoCloseable {
        private final Response res;
        private ChunkedStream stream;

        LazyStream(Response res) {
            this.res = res;
        }

        @Override
        public boolean test(ContainerStats sample) {
            if (stream == null) stream = res.stream("application/json");
            return stream.writeJson(sample);
        }

        @Override
        public void close() {
            if (stream != null) stream.close();
        }
    }
}
