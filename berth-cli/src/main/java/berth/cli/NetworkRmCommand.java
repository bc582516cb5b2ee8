package berth.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network rm}: prints each name removed; failures are reported and the others still go. */
@Command(name = "rm", description = "Remove one or more networks")
final class NetworkRmCommand extends ClientVerb {
    @Option(names = {"-f", "--force"}, description = "Do not error if the network does not exist") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "NETWORK") List<String> networks;

    NetworkRmCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        int code = 0;
        for (String n : networks) {
            try {
                session.client().networks().remove(n);
                session.out().println(n);
            } catch (berth.client.ApiException e) {
                if (force && e.isNotFound()) continue;
                session.err().println("Error response from daemon: " + e.getMessage());
                code = 1;
            }
        }
        return code;
    }
}
