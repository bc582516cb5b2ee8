package berth.api.handlers.exec;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.stream.Frames;
import berth.common.BerthException;
import berth.engine.Engine;
import berth.engine.view.ExecInspect;
import java.io.InputStream;

/**
 * {@code POST /exec/{id}/start} with {@code {"Detach": bool, "Tty": bool}}. Detached: 200 at once.
 * Otherwise the connection is hijacked as for attach and closed when the process ends.
 */
public record ExecStartHandler(Engine engine) implements Handler {

    /** The request body. */
    public record StartBody(boolean detach, boolean tty) {}

    @Override
    public void handle(Request req, Response res) {
        var id = req.param("id");
        var body = req.bodyAs(StartBody.class).orElse(new StartBody(false, false));
        var exec = engine.execInspect(id);
        if (body.detach()) {
            engine.execStart(id, true, InputStream.nullInputStream(), entry -> true);
            res.status(200);
            return;
        }
        requireRunning(exec);
        var tty = body.tty() || exec.processConfig().tty();
        try (var raw = res.hijack(Frames.contentType(tty))) {
            InputStream stdin = exec.openStdin() ? raw.stdin() : InputStream.nullInputStream();
            engine.execStart(id, false, stdin, entry -> raw.write(Frames.encode(entry, !tty, false)));
        }
    }

    /** Refuse in HTTP, before the hijack, while the client can still read a status code. */
    private void requireRunning(ExecInspect exec) {
        if (!engine.inspect(exec.containerID(), false).state().running()) {
            throw BerthException.conflict("container " + exec.containerID() + " is not running");
        }
    }
}
