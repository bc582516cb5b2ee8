package berth.api.handlers.network;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.NetworkResource;

/** {@code GET /networks}: the built-in bridge, host and none, until the networks issue brings more. */
public record NetworkListHandler() implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(NetworkResource.BUILT_IN);
    }
}
