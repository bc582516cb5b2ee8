package berth.api.handlers.container;

import berth.api.http.ChunkedStream;
import berth.api.http.Errors;
import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.WaitResponse;
import berth.engine.Engine;

/**
 * {@code POST /containers/{id}/wait?condition=}. The docker CLI calls this before start and blocks until
 * the response headers arrive, so they go out at once; the body follows when the condition is met. A
 * client that hangs up drops its wait.
 */
public record ContainerWaitHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var condition = Engine.WaitCondition.parse(req.query().string("condition", ""));
        var pending = engine.wait(req.param("id"), condition); // NotFound here, before any header
        var stream = res.stream("application/json");
        stream.onClose(() -> pending.cancel(false));
        pending.whenComplete((result, error) -> finish(stream, result, error));
    }

    private static void finish(ChunkedStream stream, Engine.WaitResult result, Throwable error) {
        if (!stream.isOpen()) return;
        stream.writeJson(result != null ? WaitResponse.of(result)
                : new WaitResponse(-1, new WaitResponse.WaitError(Errors.of(error).message())));
        stream.close();
    }
}
