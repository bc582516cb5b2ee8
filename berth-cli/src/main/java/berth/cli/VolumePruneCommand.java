package berth.cli;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth volume prune}: unused anonymous volumes (all unused ones with -a), after docker's prompt unless -f. */
@Command(name = "prune", description = "Remove unused local volumes")
final class VolumePruneCommand extends ClientVerb {
    @Option(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones") boolean all;
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
    @Option(names = "--filter", description = "Provide filter values (e.g. \"label=<label>\")") List<String> filters = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    VolumePruneCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (!force && !confirmed()) return 0;
        List<String> f = new ArrayList<>(filters);
        if (all) f.add("all=true");
        Query q = f.isEmpty() ? Query.of() : Query.of().with("filters", Filters.json(f));
        JsonNode report = session.client().volumes().prune(q);
        JsonNode deleted = report.path("VolumesDeleted");
        if (!deleted.isEmpty()) {
            session.out().println("Deleted Volumes:");
            deleted.forEach(v -> session.out().println(v.asText()));
            session.out().println();
        }
        session.out().println("Total reclaimed space: " + Units.humanSize(report.path("SpaceReclaimed").asDouble()));
        return 0;
    }

    private boolean confirmed() {
        String which = all ? "all local volumes" : "anonymous local volumes";
        return Confirmation.ask(session, "WARNING! This will remove " + which + " not used by at least one container.");
    }
}
