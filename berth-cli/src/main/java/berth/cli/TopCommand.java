package berth.cli;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth top CONTAINER [ps OPTIONS]}: the container's processes as the host's ps shows them. */
@Command(name = "top", description = "Display the running processes of a container")
final class TopCommand extends ClientVerb implements TakesCommandLine {
    /** docker lays top out with wider columns than its other tables. */
    private static final int MIN_WIDTH = 20;

    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1..*", paramLabel = "[ps OPTIONS]") List<String> psArgs = new ArrayList<>();

    TopCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Query q = psArgs.isEmpty() ? Query.of() : Query.of().with("ps_args", String.join(" ", psArgs));
        JsonNode top = session.client().get(StatsRows.path(container, "/top"), q);
        List<String> lines = new ArrayList<>();
        lines.add(join(top.path("Titles")));
        top.path("Processes").forEach(p -> lines.add(join(p)));
        session.out().print(Table.format(lines, MIN_WIDTH));
        return 0;
    }

    private static String join(JsonNode cells) {
        List<String> texts = new ArrayList<>();
        cells.forEach(c -> texts.add(c.asText()));
        return String.join("\t", texts);
    }
}
