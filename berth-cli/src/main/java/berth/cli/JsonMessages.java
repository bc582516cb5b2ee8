package berth.cli;

import berth.client.Response;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** A JSON message stream (load, import, later pull) printed as docker does when stdout is not a terminal. */
final class JsonMessages {
    private JsonMessages() {}

    static void print(Response response, PrintStream out) {
        try (response; MappingIterator<JsonNode> it = Json.docker().readerFor(JsonNode.class).readValues(response.body())) {
            while (it.hasNextValue()) {
                printOne(it.nextValue(), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printOne(JsonNode m, PrintStream out) {
        String error = m.path("errorDetail").path("message").asText(m.path("error").asText(""));
        if (!error.isEmpty()) {
            throw new CliException(1, error);
        }
        if (m.has("stream")) {
            out.print(m.path("stream").asText());
            return;
        }
        if (m.has("status")) {
            String id = m.path("id").asText("");
            out.println((id.isEmpty() ? "" : id + ": ") + m.path("status").asText());
        }
    }
}
