package berth.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth stop}: SIGTERM (or the stop signal), then SIGKILL after the timeout. */
@Command(name = "stop", description = "Stop one or more running containers")
final class StopCommand extends ClientVerb {
    @Option(names = {"-t", "--time", "--timeout"}, description = "Seconds to wait before killing the container") Integer time;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    StopCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        return forEach(containers, id -> {
            containers().stop(id, Optional.ofNullable(time));
            session.out().println(id);
        });
    }
}
