package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth history}: the layers of an image and what made them, newest first. */
@Command(name = "history", description = "Show the history of an image")
final class HistoryCommand extends ClientVerb {
    @Option(names = {"-H", "--human"}, arity = "0..1", fallbackValue = "true",
            description = "Print sizes and dates in human readable format (default true)") boolean human = true;
    @Option(names = "--no-trunc", description = "Don't truncate output") boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs") boolean quiet;
    @Option(names = "--format", description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "IMAGE") String image;

    HistoryCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Format f = Format.parse(quiet ? "{{.ID}}" : format, human ? HistoryRows.DEFAULT_TABLE : HistoryRows.NON_HUMAN_TABLE);
        List<JsonNode> rows = new ArrayList<>();
        var now = session.clock().instant();
        images().history(image).forEach(item -> rows.add(HistoryRows.row(item, !noTrunc, human, now)));
        session.out().print(f.render(rows, HistoryRows.HEADERS));
        return 0;
    }
}
