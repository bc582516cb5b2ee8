package berth.cli;

import berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth image prune}: removes dangling (or, with -a, all unused) images after a confirmation unless -f. */
@Command(name = "prune", description = "Remove unused images")
final class ImagePruneCommand extends ClientVerb {
    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones") boolean all;
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")") List<String> filters = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    ImagePruneCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (!force && !confirmed()) return 0;
        List<String> all = new ArrayList<>(filters);
        if (this.all) all.add("dangling=false");
        Query q = all.isEmpty() ? Query.of() : Query.of().with("filters", Filters.json(all));
        var report = images().prune(q);
        var deleted = report.path("ImagesDeleted");
        if (!deleted.isEmpty()) {
            StringBuilder out = new StringBuilder("Deleted Images:\n");
            deleted.forEach(d -> {
                if (!d.path("Untagged").asText().isEmpty()) out.append("untagged: ").append(d.path("Untagged").asText()).append('\n');
                if (!d.path("Deleted").asText().isEmpty()) out.append("deleted: ").append(d.path("Deleted").asText()).append('\n');
            });
            session.out().println(out);
        }
        session.out().println("Total reclaimed space: " + Units.humanSize(report.path("SpaceReclaimed").asDouble()));
        return 0;
    }

    private boolean confirmed() {
        return Confirmation.ask(session, all ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.");
    }
}
