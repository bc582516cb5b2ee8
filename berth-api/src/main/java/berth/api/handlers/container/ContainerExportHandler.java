package berth.api.handlers.container;

import berth.api.http.ChunkedOutput;
import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/** {@code GET /containers/{id}/export}: a tar of the container's whole filesystem. */
public record ContainerExportHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) throws IOException {
        var out = new AtomicReference<ChunkedOutput>();
        engine.files().export(req.param("id"), () -> {
            out.set(new ChunkedOutput(res.stream(PathStats.TAR)));
            return out.get();
        });
        out.get().close();
    }
}
