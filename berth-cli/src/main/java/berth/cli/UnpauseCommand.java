package berth.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth unpause}: thaw the containers. */
@Command(name = "unpause", description = "Unpause all processes within one or more containers")
final class UnpauseCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    UnpauseCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        return forEach(containers, id -> {
            containers().unpause(id);
            session.out().println(id);
        });
    }
}
