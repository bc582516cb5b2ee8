package berth.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth pause}: freeze every process of the containers. */
@Command(name = "pause", description = "Pause all processes within one or more containers")
final class PauseCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    PauseCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        return forEach(containers, id -> {
            containers().pause(id);
            session.out().println(id);
        });
    }
}
