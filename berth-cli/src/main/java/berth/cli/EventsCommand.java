package berth.cli;

import berth.client.Body;
import berth.client.Query;
import berth.client.Response;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth events}: the daemon's events as they happen (or between --since and --until), one line
 * each in docker's format, or through a --format template.
 */
@Command(name = "events", description = "Get real time events from the server")
final class EventsCommand extends ClientVerb {
    /** Go's RFC3339NanoFixed in the local zone, as docker prints event times. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX");

    @Option(names = "--since", description = "Show all events created since timestamp") String since = "";
    @Option(names = "--until", description = "Stream events until this timestamp") String until = "";
    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    EventsCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Optional<Template> template = format.isEmpty() ? Optional.empty() : Optional.of(Format.parse(format, "").template());
        try (Response r = session.client().send("GET", "/events", query(), Body.none());
             var lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) continue;
                JsonNode event = Json.docker().readTree(line);
                session.out().println(template.map(t -> t.render(event)).orElseGet(() -> line(event)));
                session.out().flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    Query query() {
        Instant now = session.clock().instant();
        Query q = since.isEmpty() ? Query.of() : Query.of().with("since", Timestamps.parse(since, now));
        q = until.isEmpty() ? q : q.with("until", Timestamps.parse(until, now));
        return filters.isEmpty() ? q : q.with("filters", Filters.json(filters));
    }

    /** "TIME TYPE ACTION ID (k=v, ...)" with the attributes sorted by key. */
    static String line(JsonNode e) {
        long nanos = e.path("timeNano").asLong();
        Instant t = Instant.ofEpochSecond(0, nanos);
        StringBuilder out = new StringBuilder(TIME.format(t.atZone(ZoneId.systemDefault())))
                .append(' ').append(e.path("Type").asText()).append(' ').append(e.path("Action").asText())
                .append(' ').append(e.path("Actor").path("ID").asText());
        Map<String, String> attributes = new TreeMap<>();
        e.path("Actor").path("Attributes").properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
        if (!attributes.isEmpty()) {
            List<String> pairs = attributes.entrySet().stream().map(a -> a.getKey() + "=" + a.getValue()).toList();
            out.append(" (").append(String.join(", ", pairs)).append(')');
        }
        return out.toString();
    }
}
