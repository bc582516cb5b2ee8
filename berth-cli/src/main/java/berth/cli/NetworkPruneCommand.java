package berth.cli;

import berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth network prune}: removes unused user networks, after a confirmation unless -f. */
@Command(name = "prune", description = "Remove all unused networks")
final class NetworkPruneCommand extends ClientVerb {
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")") List<String> filters = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    NetworkPruneCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (!force && !Confirmation.ask(session, "WARNING! This will remove all custom networks not used by at least one container.")) {
            return 0;
        }
        Query q = filters.isEmpty() ? Query.of() : Query.of().with("filters", Filters.json(filters));
        var deleted = session.client().networks().prune(q).path("NetworksDeleted");
        if (!deleted.isEmpty()) {
            session.out().println("Deleted Networks:");
            deleted.forEach(n -> session.out().println(n.asText()));
        }
        return 0;
    }
}
