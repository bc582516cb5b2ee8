package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import berth.image.PushRequest;
import berth.registry.Credentials;

/**
 * {@code POST /images/{name}/push?tag=}: Docker's JSON progress stream; no tag pushes every local tag of the
 * repository. {@code X-Registry-Auth} carries the credentials (an empty one is anonymous).
 */
public record ImagePushHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var push = new PushRequest(req.param("name"), req.query().string("tag", ""),
                Credentials.fromHeader(req.header("X-Registry-Auth").orElse("")));
        try (var progress = new ProgressWriter(res)) {
            try {
                engine.images().push(push, progress);
            } catch (RuntimeException e) {
                if (!progress.started()) throw e;
                progress.error(e.getMessage());
            }
        }
    }
}
