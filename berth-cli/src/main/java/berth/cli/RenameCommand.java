package berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth rename}. */
@Command(name = "rename", description = "Rename a container")
final class RenameCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1", paramLabel = "NEW_NAME") String newName;

    RenameCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        containers().rename(container, newName);
        return 0;
    }
}
