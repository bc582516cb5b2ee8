package berth.api.handlers.system;

import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import java.util.Map;

/** {@code GET|HEAD /_ping}: clients negotiate the API version from its headers (Api-Version, Ostype...,
 * which every response carries); ping adds Docker's no-cache headers. */
public record PingHandler() implements Handler {

    private static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-cache, no-store, must-revalidate",
            "Pragma", "no-cache");

    @Override
    public void handle(Request req, Response res) {
        res.text(200, "text/plain; charset=utf-8", "OK", HEADERS);
    }
}
