package berth.api.handlers.container;

import berth.api.http.Handler;
import berth.api.http.Query;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.stream.Frames;
import berth.api.stream.Timestamps;
import berth.common.BerthException;
import berth.engine.Engine;
import java.time.Instant;

/**
 * {@code GET /containers/{id}/logs?follow&stdout&stderr&since&until&timestamps&tail}: multiplexed frames
 * without a TTY, raw bytes with one; each entry flushed as it comes.
 */
public record ContainerLogsHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var id = req.param("id");
        var options = options(req.query());
        var tty = engine.inspect(id, false).config().tty();
        try (var out = res.stream(Frames.contentType(tty))) {
            engine.logs(id, options, entry -> out.write(Frames.encode(entry, !tty, options.timestamps())));
        }
    }

    static Engine.LogOptions options(Query q) {
        if (!q.bool("stdout") && !q.bool("stderr")) {
            throw BerthException.invalid("Bad parameters: you must choose at least one stream");
        }
        var tail = q.string("tail").filter(t -> t.matches("\\d+")).orElse("all");
        return new Engine.LogOptions(q.bool("stdout"), q.bool("stderr"), q.bool("follow"), q.bool("timestamps"),
                q.string("since").flatMap(Timestamps::parse).orElse(Instant.MIN),
                q.string("until").flatMap(Timestamps::parse).orElse(Instant.MAX), tail);
    }
}
