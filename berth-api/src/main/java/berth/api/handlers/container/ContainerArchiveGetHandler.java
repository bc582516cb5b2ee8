package berth.api.handlers.container;

import berth.api.http.ChunkedOutput;
import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/** {@code GET /containers/{id}/archive?path}: a tar of the path, its stat in a header sent first. */
public record ContainerArchiveGetHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) throws IOException {
        var out = new AtomicReference<ChunkedOutput>();
        engine.files().archive(req.param("id"), PathStats.path(req.query()), stat -> {
            out.set(new ChunkedOutput(res.stream(PathStats.TAR, PathStats.header(stat))));
            return out.get();
        });
        out.get().close();
    }
}
