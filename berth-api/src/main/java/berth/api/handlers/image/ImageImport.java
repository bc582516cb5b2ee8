package berth.api.handlers.image;

import berth.api.http.Request;
import berth.api.http.Response;
import berth.common.BerthException;
import berth.engine.Engine;
import java.util.Map;

/** {@code POST /images/create?fromSrc=-&repo&tag&changes&message}: the body is a rootfs tar, read as it
 * arrives. The answer is a JSON stream ending with the new image's ID. */
record ImageImport(Engine engine) {

    void run(Request req, Response res) {
        var q = req.query();
        if (!q.string("fromSrc").orElseThrow().equals("-")) {
            throw BerthException.invalid("importing from a URL is not supported; send the tar as the body");
        }
        var reference = ImageCreateHandler.reference(q.string("repo", ""), q.string("tag", ""));
        var image = engine.images().importTar(req.body().stream(), reference, q.all("changes"),
                q.string("message", ""));
        try (var out = res.stream("application/json")) {
            out.writeJson(Map.of("status", image.id()));
        }
    }
}
