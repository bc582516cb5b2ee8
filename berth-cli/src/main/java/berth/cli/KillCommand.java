package berth.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth kill}: SIGKILL unless -s names another signal. */
@Command(name = "kill", description = "Kill one or more running containers")
final class KillCommand extends ClientVerb {
    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container") String signal;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    KillCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        return forEach(containers, id -> {
            containers().kill(id, Optional.ofNullable(signal));
            session.out().println(id);
        });
    }
}
