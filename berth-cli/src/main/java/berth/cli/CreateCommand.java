package berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth create}: create a container and print its id. */
@Command(name = "create", description = "Create a new container")
final class CreateCommand extends ClientVerb implements TakesCommandLine {
    @Mixin ContainerOptions options;

    CreateCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        ContainerSpec spec = options.spec(false, session); // create attaches stdout/stderr, as docker sets it
        session.out().println(ContainerCreator.create(session, spec, "create"));
        return 0;
    }
}
