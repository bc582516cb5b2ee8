package berth.api.handlers.image;

import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import berth.image.PullRequest;
import berth.registry.Credentials;

/**
 * {@code POST /images/create?fromImage=&tag=&platform=}: a pull, reported as Docker's JSON progress
 * stream. {@code tag} may be a digest (the docker CLI sends one there); no tag at all, on a name without
 * one, pulls every tag (the CLI's {@code pull -a}). {@code X-Registry-Auth} carries the credentials.
 */
record ImagePull(Engine engine) {

    void run(Request req, Response res) {
        var q = req.query();
        String fromImage = q.string("fromImage", "");
        String tag = q.string("tag", "");
        boolean named = !fromImage.contains("@") && fromImage.indexOf(':', fromImage.lastIndexOf('/') + 1) < 0;
        var pull = new PullRequest(ImageCreateHandler.reference(fromImage, tag), tag.isEmpty() && named,
                q.string("platform", ""), Credentials.fromHeader(req.header("X-Registry-Auth").orElse("")));
        try (var progress = new ProgressWriter(res)) {
            try {
                engine.images().pull(pull, progress);
            } catch (RuntimeException e) {
                if (!progress.started()) throw e;
                progress.error(e.getMessage());
            }
        }
    }
}
