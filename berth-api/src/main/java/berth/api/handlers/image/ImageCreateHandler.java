package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.common.BerthException;
import berth.engine.Engine;
import java.util.Map;

/**
 * {@code POST /images/create}: {@code fromSrc=-} imports the body as a rootfs tar ({@code docker import});
 * {@code fromImage} is a pull, which berth cannot do yet: an image already here is reported up to date,
 * any other is a 404 the docker CLI prints before exiting 125.
 */
public record ImageCreateHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        if (q.string("fromSrc").isPresent()) importTar(req, res);
        else pull(reference(q.string("fromImage", ""), q.string("tag", "")), res);
    }

    private void importTar(Request req, Response res) {
        var q = req.query();
        if (!q.string("fromSrc").orElseThrow().equals("-")) {
            throw BerthException.invalid("importing from a URL is not supported; send the tar as the body");
        }
        var image = engine.images().importTar(req.body().stream(), reference(q.string("repo", ""), q.string("tag", "")),
                q.all("changes"), q.string("message", ""));
        try (var out = res.stream("application/json")) {
            out.writeJson(Map.of("status", image.id()));
        }
    }

    private void pull(String ref, Response res) {
        try {
            engine.images().get(ref);
        } catch (BerthException.NotFound e) {
            throw BerthException.notFound("pull access denied for " + ref
                    + ", repository does not exist or may require 'docker login': berth cannot pull from registries yet");
        }
        try (var out = res.stream("application/json")) {
            out.writeJson(Map.of("status", "Status: Image is up to date for " + ref));
        }
    }

    /** {@code repo} may carry its own tag or digest; {@code tag} only applies when it does not. */
    static String reference(String repo, String tag) {
        var lastSlash = repo.lastIndexOf('/');
        var hasTag = repo.indexOf(':', lastSlash + 1) >= 0 || repo.contains("@");
        return tag.isEmpty() || hasTag || repo.isEmpty() ? repo : repo + ":" + tag;
    }
}
