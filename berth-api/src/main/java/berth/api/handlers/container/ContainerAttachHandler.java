package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Query;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.stream.Frames;
import berth.engine.Engine;
import java.io.InputStream;

/**
 * {@code POST /containers/{id}/attach?stream&logs&stdin&stdout&stderr}: hijacks the connection (101 with
 * {@code Upgrade: tcp}, else 200), streams the container's output until it stops, and feeds what the
 * client sends to its stdin. The docker CLI attaches before it starts the container.
 */
public record ContainerAttachHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var id = req.param("id");
        var tty = engine.inspect(id, false).config().tty(); // 404 while we can still answer in HTTP
        var options = options(req.query());
        berth.common.DetachKeys.parse(options.detachKeys()); // a bad spec is a 400 before the hijack
        try (var raw = res.hijack(Frames.contentType(tty))) {
            InputStream stdin = options.stdin() ? raw.stdin() : InputStream.nullInputStream();
            engine.attach(id, options, stdin, entry -> raw.write(Frames.encode(entry, !tty, false)));
        }
    }

    private static Engine.AttachOptions options(Query q) {
        return new Engine.AttachOptions(q.bool("stdin"), q.bool("stdout"), q.bool("stderr"), q.bool("logs"),
                q.bool("stream"), q.string("detachKeys", ""));
    }
}
