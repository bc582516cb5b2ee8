package berth.api.handlers.volume;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import java.util.List;
import java.util.Map;

/** {@code GET /volumes}: none yet; named volumes come with their own issue. */
public record VolumeListHandler() implements Handler {

    @Override
    public void handle(Request req, Response res) {
        res.json(Map.of("Volumes", List.of(), "Warnings", List.of()));
    }
}
