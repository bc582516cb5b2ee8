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
        // the 101 goes out only once the engine has registered us for the start, which the client sends next
        var raw = new java.util.concurrent.atomic.AtomicReference<berth.api.http.RawStream>();
        InputStream stdin = options.stdin() ? new LazyInput(() -> raw.get().stdin()) : InputStream.nullInputStream();
        try {
            engine.attach(id, options, () -> raw.set(res.hijack(Frames.contentType(tty))), stdin,
                    entry -> raw.get().write(Frames.encode(entry, !tty, false)));
        } finally {
            if (raw.get() != null) raw.get().close();
        }
    }

    /** The hijacked connection's input, which exists only once the engine has called back. */
    private static final class LazyInput extends InputStream {
        private final java.util.function.Supplier<InputStream> in;

        LazyInput(java.util.function.Supplier<InputStream> in) {
            this.in = in;
        }

        @Override
        public int read() throws java.io.IOException {
            return in.get().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            return in.get().read(b, off, len);
        }
    }

    private static Engine.AttachOptions options(Query q) {
        return new Engine.AttachOptions(q.bool("stdin"), q.bool("stdout"), q.bool("stderr"), q.bool("logs"),
                q.bool("stream"), q.string("detachKeys", ""));
    }
}
