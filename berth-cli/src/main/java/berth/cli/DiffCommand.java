package berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth diff}: files changed in a container's filesystem, one per line ("A /x", "C /etc", "D /y"). */
@Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem")
final class DiffCommand extends ClientVerb {
    private static final String[] LETTERS = {"C", "A", "D"};
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;

    DiffCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        session.client().archives().changes(container).forEach(change -> {
            int kind = change.path("Kind").asInt();
            String letter = kind >= 0 && kind < LETTERS.length ? LETTERS[kind] : "?";
            session.out().println(letter + " " + change.path("Path").asText());
        });
        return 0;
    }
}
