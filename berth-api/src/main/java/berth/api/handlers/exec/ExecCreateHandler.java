package berth.api.handlers.exec;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.IdResponse;
import berth.common.BerthException;
import berth.engine.Engine;
import berth.engine.model.ExecConfig;

/** {@code POST /containers/{id}/exec}: 201 {@code {"Id": ...}}. */
public record ExecCreateHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var config = req.bodyAs(ExecConfig.class)
                .filter(c -> c.cmd() != null && !c.cmd().isEmpty())
                .orElseThrow(() -> BerthException.invalid("No exec command specified"));
        res.created(new IdResponse(engine.execCreate(req.param("id"), config)));
    }
}
