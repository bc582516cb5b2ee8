package berth.cli;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth container prune}: remove every stopped container, after asking unless -f. */
@Command(name = "prune", description = "Remove all stopped containers")
final class ContainerPruneCommand extends ClientVerb {
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")") List<String> filters = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    ContainerPruneCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (!force && !confirmed()) {
            return 0;
        }
        Query q = filters.isEmpty() ? Query.of() : Query.of().with("filters", Filters.json(filters));
        JsonNode report = containers().prune(q);
        JsonNode deleted = report.path("ContainersDeleted");
        if (!deleted.isEmpty()) {
            session.out().println("Deleted Containers:");
            deleted.forEach(id -> session.out().println(id.asText()));
            session.out().println();
        }
        session.out().println("Total reclaimed space: " + Units.humanSize(report.path("SpaceReclaimed").asDouble()));
        return 0;
    }

    private boolean confirmed() {
        return Confirmation.ask(session, "WARNING! This will remove all stopped containers.");
    }
}
