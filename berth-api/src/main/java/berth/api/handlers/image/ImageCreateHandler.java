package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;

/**
 * {@code POST /images/create}: with {@code fromSrc} an import of the body ({@code docker import}), with
 * {@code fromImage} a pull.
 */
public record ImageCreateHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        if (q.string("fromSrc").isPresent()) new ImageImport(engine).run(req, res);
        else new ImagePull(engine).run(req, res);
    }

    /** {@code repo} may carry its own tag or digest; {@code tag} (or a digest given as the tag) only applies
     * when it does not. */
    static String reference(String repo, String tag) {
        var lastSlash = repo.lastIndexOf('/');
        var hasTag = repo.indexOf(':', lastSlash + 1) >= 0 || repo.contains("@");
        if (tag.isEmpty() || hasTag || repo.isEmpty()) return repo;
        return repo + (tag.contains(":") ? "@" : ":") + tag;
    }
}
