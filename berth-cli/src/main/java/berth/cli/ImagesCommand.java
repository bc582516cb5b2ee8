package berth.cli;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth images}: docker's image table, IDs only (-q), or a --format template per row. */
@Command(name = "images", description = "List images")
final class ImagesCommand extends ClientVerb {
    @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)") boolean all;
    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs") boolean quiet;
    @Option(names = "--no-trunc", description = "Don't truncate output") boolean noTrunc;
    @Option(names = "--digests", description = "Show digests") boolean digests;
    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]") String reference;

    ImagesCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Format f = Format.parse(quiet ? "{{.ID}}" : format, digests ? ImageRows.DIGESTS_TABLE : ImageRows.DEFAULT_TABLE);
        boolean showDigests = digests || format.contains("{{.Digest}}");
        List<String> allFilters = new ArrayList<>(filters);
        if (reference != null) {
            allFilters.add("reference=" + reference);
        }
        Query q = Query.of().flag("all", all);
        q = allFilters.isEmpty() ? q : q.with("filters", Filters.json(allFilters));
        List<JsonNode> rows = new ArrayList<>();
        images().list(q).forEach(i -> rows.addAll(ImageRows.rows(i, !noTrunc, showDigests, session.clock().instant())));
        session.out().print(f.render(rows, ImageRows.HEADERS));
        return 0;
    }
}
