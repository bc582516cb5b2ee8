package berth.cli;

import berth.client.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

/** A JSON message stream (load, import, pull, push) shown as docker shows it; {@link ProgressRenderer} has the rules. */
final class JsonMessages {
    private JsonMessages() {}

    /** Prints as docker does when stdout is not a terminal (load, import): statuses, streams, no bars. */
    static void print(Response response, PrintStream out) {
        try (response) {
            new ProgressRenderer(out, false, 0, Clock.systemUTC()).render(response.body(), aux -> {});
        }
    }

    /** Renders on the session's stdout, with bars and lines rewritten in place when it is a terminal. */
    static void display(Response response, Session session, Consumer<JsonNode> onAux) {
        try (response) {
            ProgressRenderer.forStdout(session).render(response.body(), onAux);
        }
    }
}
