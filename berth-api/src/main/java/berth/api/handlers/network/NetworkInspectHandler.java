package berth.api.handlers.network;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.NetworkResource;
import berth.common.BerthException;

/** {@code GET /networks/{id}}: one of the built-ins, by name, ID or ID prefix. */
public record NetworkInspectHandler() implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var ref = req.param("id");
        res.json(NetworkResource.BUILT_IN.stream()
                .filter(n -> n.name().equals(ref) || n.id().startsWith(ref))
                .findFirst()
                .orElseThrow(() -> BerthException.notFound("network " + ref + " not found")));
    }
}
