package berth.cli;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth volume ls}: docker's DRIVER / VOLUME NAME table (sorted by name), names only (-q), or --format. */
@Command(name = "ls", description = "List volumes")
final class VolumeLsCommand extends ClientVerb {
    static final String DEFAULT_TABLE = "table {{.Driver}}\t{{.Name}}";
    private static final ObjectNode HEADERS = JsonNodeFactory.instance.objectNode().put("Name", "VOLUME NAME")
            .put("Driver", "DRIVER").put("Scope", "SCOPE").put("Mountpoint", "MOUNTPOINT").put("Labels", "LABELS")
            .put("CreatedAt", "CREATED AT");

    @Option(names = {"-q", "--quiet"}, description = "Only display volume names") boolean quiet;
    @Option(names = {"-f", "--filter"}, description = "Provide filter values (e.g. \"dangling=true\")") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    VolumeLsCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Format f = Format.parse(quiet ? "{{.Name}}" : format, DEFAULT_TABLE);
        Query q = filters.isEmpty() ? Query.of() : Query.of().with("filters", Filters.json(filters));
        List<JsonNode> rows = new ArrayList<>();
        session.client().volumes().list(q).path("Volumes").forEach(v -> rows.add(row(v)));
        rows.sort(Comparator.comparing(r -> r.path("Name").asText()));
        session.out().print(f.render(rows, HEADERS));
        return 0;
    }

    static ObjectNode row(JsonNode v) {
        List<String> labels = new ArrayList<>();
        v.path("Labels").properties().forEach(e -> labels.add(e.getKey() + "=" + e.getValue().asText()));
        return JsonNodeFactory.instance.objectNode()
                .put("Name", v.path("Name").asText())
                .put("Driver", v.path("Driver").asText())
                .put("Scope", v.path("Scope").asText())
                .put("Mountpoint", v.path("Mountpoint").asText())
                .put("Labels", String.join(",", labels))
                .put("CreatedAt", v.path("CreatedAt").asText());
    }
}
