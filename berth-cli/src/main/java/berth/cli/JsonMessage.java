package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One message of a daemon's JSON message stream (pull, push, load, import): the fields docker's CLI reads.
 * {@code progressMessage} is the daemon's pre-rendered {@code progress} string, which docker only shows when
 * there is no {@code progressDetail} to render itself.
 */
record JsonMessage(String id, String status, String from, String stream, String progressMessage,
                   Optional<Progress> progress, Optional<Failure> error, boolean aux) {

    /** {@code progressDetail}: docker renders the bar, the counts and the time left from these. */
    record Progress(long current, long total, long start, String units, boolean hideCounts) {}

    /** {@code errorDetail} (or the older plain {@code error}). */
    record Failure(int code, String message) {
        /** The text docker's CLI ends with: a 401 becomes its generic sentence. */
        String text() { return code == 401 ? "authentication is required" : message; }
    }

    static JsonMessage of(JsonNode m) {
        return new JsonMessage(m.path("id").asText(""), m.path("status").asText(""), m.path("from").asText(""),
                m.path("stream").asText(""), m.path("progress").asText(""), progress(m.get("progressDetail")),
                failure(m), m.has("aux") && !m.get("aux").isNull());
    }

    private static Optional<Progress> progress(JsonNode d) {
        if (d == null || !d.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Progress(d.path("current").asLong(0), d.path("total").asLong(0),
                d.path("start").asLong(0), d.path("units").asText(""), d.path("hidecounts").asBoolean(false)));
    }

    private static Optional<Failure> failure(JsonNode m) {
        JsonNode detail = m.get("errorDetail");
        if (detail != null && detail.isObject()) {
            return Optional.of(new Failure(detail.path("code").asInt(0),
                    detail.path("message").asText(m.path("error").asText(""))));
        }
        String error = m.path("error").asText("");
        return error.isEmpty() ? Optional.empty() : Optional.of(new Failure(0, error));
    }
}
