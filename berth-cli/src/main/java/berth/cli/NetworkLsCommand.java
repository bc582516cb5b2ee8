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

/** {@code berth network ls}: docker's table (sorted by name), IDs only (-q), or a --format template. */
@Command(name = "ls", description = "List networks")
final class NetworkLsCommand extends ClientVerb {
    static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
    private static final ObjectNode HEADERS = JsonNodeFactory.instance.objectNode().put("ID", "NETWORK ID")
            .put("Name", "NAME").put("Driver", "DRIVER").put("Scope", "SCOPE").put("IPv6", "IPV6")
            .put("Internal", "INTERNAL").put("Labels", "LABELS").put("CreatedAt", "CREATED AT");

    @Option(names = {"-q", "--quiet"}, description = "Only display network IDs") boolean quiet;
    @Option(names = "--no-trunc", description = "Do not truncate the output") boolean noTrunc;
    @Option(names = {"-f", "--filter"}, description = "Provide filter values (e.g. \"driver=bridge\")") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    NetworkLsCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Format f = Format.parse(quiet ? "{{.ID}}" : format, DEFAULT_TABLE);
        Query q = filters.isEmpty() ? Query.of() : Query.of().with("filters", Filters.json(filters));
        List<JsonNode> rows = new ArrayList<>();
        session.client().networks().list(q).forEach(n -> rows.add(row(n, !noTrunc)));
        rows.sort(Comparator.comparing(r -> r.path("Name").asText()));
        session.out().print(f.render(rows, HEADERS));
        return 0;
    }

    static ObjectNode row(JsonNode n, boolean trunc) {
        String id = n.path("Id").asText();
        List<String> labels = new ArrayList<>();
        n.path("Labels").properties().forEach(e -> labels.add(e.getKey() + "=" + e.getValue().asText()));
        return JsonNodeFactory.instance.objectNode()
                .put("ID", trunc ? ContainerRows.shortId(id) : id)
                .put("Name", n.path("Name").asText())
                .put("Driver", n.path("Driver").asText())
                .put("Scope", n.path("Scope").asText())
                .put("IPv6", Boolean.toString(n.path("EnableIPv6").asBoolean()))
                .put("Internal", Boolean.toString(n.path("Internal").asBoolean()))
                .put("Labels", String.join(",", labels))
                .put("CreatedAt", n.path("Created").asText());
    }
}
