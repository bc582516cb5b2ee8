package berth.api.handlers.image;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.engine.Engine;
import java.io.IOException;

/** {@code GET /images/get?names=a&names=b}: several images in one docker-save tar, shared layers once. */
public record ImagesGetHandler(Engine engine) implements Handler {

    @Override
    public void handle(Request req, Response res) throws IOException {
        ImageSave.send(engine, req.query().all("names"), res);
    }
}
