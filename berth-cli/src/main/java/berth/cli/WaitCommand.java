package berth.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth wait}: block until each container stops, printing its exit code. */
@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes")
final class WaitCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    WaitCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        return forEach(containers, id -> {
            try (var wait = containers().waitFor(id, "not-running")) {
                session.out().println(wait.await().statusCode());
            }
        });
    }
}
