package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.JsonBodies;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.IdResponse;
import berth.engine.ContainerFiles.CommitRequest;
import berth.engine.Engine;
import berth.engine.model.ContainerConfig;

/**
 * {@code POST /commit?container&repo&tag&comment&author&pause&changes}: a new image from a container; the
 * body, if any, is a container config merged over the container's. {@code pause} defaults to true.
 */
public record CommitHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var q = req.query();
        var config = req.body().json().filter(n -> n.isObject() && !n.isEmpty())
                .map(n -> JsonBodies.convert(n, ContainerConfig.class));
        var request = new CommitRequest(q.string("container", ""),
                ImageCreateHandler.reference(q.string("repo", ""), q.string("tag", "")), comment(q),
                q.string("author", ""), q.bool("pause", true), q.all("changes"), config);
        res.created(new IdResponse(engine.files().commit(request)));
    }

    /** docker-java sends the message as {@code m} (Docker ignores it); {@code comment} is Docker's name. */
    private static String comment(berth.api.http.Query q) {
        return q.string("comment").or(() -> q.string("m")).orElse("");
    }
}
