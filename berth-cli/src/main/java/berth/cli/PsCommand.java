package berth.cli;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth ps}: docker's container table, IDs only (-q), or a --format template per container. */
@Command(name = "ps", description = "List containers")
final class PsCommand extends ClientVerb {
    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)") boolean all;
    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs") boolean quiet;
    @Option(names = {"-n", "--last"}, description = "Show n last created containers (includes all states)") int last = -1;
    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)") boolean latest;
    @Option(names = {"-s", "--size"}, description = "Display total file sizes") boolean size;
    @Option(names = "--no-trunc", description = "Don't truncate output") boolean noTrunc;
    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    PsCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Format f = Format.parse(quiet ? "{{.ID}}" : format, size ? ContainerRows.DEFAULT_TABLE + "\t{{.Size}}" : ContainerRows.DEFAULT_TABLE);
        boolean wantSize = size || format.contains(".Size");
        int limit = latest && last == -1 ? 1 : last;
        Query q = Query.of().flag("all", all).flag("size", wantSize);
        q = limit > 0 ? q.with("limit", limit) : q;
        q = filters.isEmpty() ? q : q.with("filters", Filters.json(filters));
        List<JsonNode> rows = new ArrayList<>();
        containers().list(q).forEach(c -> rows.add(ContainerRows.row(c, !noTrunc, session.clock().instant())));
        session.out().print(f.render(rows, ContainerRows.HEADERS));
        return 0;
    }
}
