package berth.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth rm}: remove containers; -f kills running ones first (SIGKILL at once, as docker). */
@Command(name = "rm", description = "Remove one or more containers")
final class RmCommand extends ClientVerb {
    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)") boolean force;
    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container") boolean volumes;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    RmCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        return forEach(containers, id -> {
            containers().remove(id, force, volumes);
            session.out().println(id);
        });
    }
}
