package berth.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth rmi}: untag and delete images, printing what the daemon did. */
@Command(name = "rmi", description = "Remove one or more images")
final class RmiCommand extends ClientVerb {
    @Option(names = {"-f", "--force"}, description = "Force removal of the image") boolean force;
    @Option(names = "--no-prune", description = "Do not delete untagged parents") boolean noPrune;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> images;

    RmiCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        return forEach(images, name -> images().remove(name, force).forEach(item -> {
            if (item.has("Untagged")) {
                session.out().println("Untagged: " + item.get("Untagged").asText());
            }
            if (item.has("Deleted")) {
                session.out().println("Deleted: " + item.get("Deleted").asText());
            }
        }));
    }
}
