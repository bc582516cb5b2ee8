package berth.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume rm}: prints each name removed; failures are reported and the others still go. */
@Command(name = "rm", description = "Remove one or more volumes")
final class VolumeRmCommand extends ClientVerb {
    @Option(names = {"-f", "--force"}, description = "Force the removal of one or more volumes") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "VOLUME") List<String> volumes;

    VolumeRmCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        int code = 0;
        for (String v : volumes) {
            try {
                session.client().volumes().remove(v, force);
                session.out().println(v);
            } catch (berth.client.ApiException e) {
                session.err().println("Error response from daemon: " + e.getMessage());
                code = 1;
            }
        }
        return code;
    }
}
