package berth.api.handlers.image;

import berth.api.http.ChunkedOutput;
import berth.api.http.Response;
import berth.engine.Engine;
import java.io.IOException;
import java.util.List;

/** The body of both save endpoints: names resolved first (a 404 before any byte), then the tar streamed. */
final class ImageSave {
    private ImageSave() {}

    static void send(Engine engine, List<String> names, Response res) throws IOException {
        try (var saved = engine.images().save(names); var out = new ChunkedOutput(res.stream("application/x-tar"))) {
            saved.writeTo(out);
        }
    }
}
