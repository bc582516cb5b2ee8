package berth.api.handlers.system;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;

/**
 * {@code GET /events}: no events are published yet, but the docker CLI and compose open this stream and
 * expect it to stay open, so answer 200 at once and keep the connection until the client leaves.
 */
public record EventsHandler() implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.stream("application/json");
    }
}
