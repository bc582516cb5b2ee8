package berth.cli;

import berth.client.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth run}: create, attach, wait, start, stream, exit with the container's code. */
@Command(name = "run", description = "Create and run a new container from an image")
final class RunCommand extends ClientVerb implements TakesCommandLine {
    @Mixin ContainerOptions options;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;

    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys = "";

    RunCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        ContainerSpec spec = options.spec(detach, session);
        Terminal.requireForInteractiveTty(spec.interactive() && !detach, spec.tty());
        String id = ContainerCreator.create(session, spec, "run");
        if (detach) {
            start(id);
            session.out().println(id);
            return 0;
        }
        try (AttachedRun run = AttachedRun.prepare(session, id, spec.interactive(), spec.tty(),
                spec.autoRemove() ? "removed" : "next-exit", detachKeys)) {
            start(id);
            return run.follow(spec.interactive());
        }
    }

    private void start(String id) {
        try {
            containers().start(id);
        } catch (ApiException e) {
            throw new CliException(ContainerCreator.startFailureCode(e.getMessage()),
                    ContainerCreator.report("run", e.getMessage(), false));
        }
    }
}
