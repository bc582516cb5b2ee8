package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth attach}: our terminal (or stdio) joined to a running container's, until it exits or we detach. */
@Command(name = "attach", description = "Attach local standard input, output, and error streams to a running container")
final class AttachCommand extends ClientVerb {
    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys = "";
    @Option(names = "--no-stdin", description = "Do not attach STDIN") boolean noStdin;
    @Option(names = "--sig-proxy", arity = "0..1", defaultValue = "true",
            description = "Proxy all received signals to the process") boolean sigProxy;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;

    AttachCommand(Session session) { super(session); }

    /** docker refuses in the CLI, before attaching, with these messages. */
    @Override
    public Integer call() {
        JsonNode c = containers().inspect(container);
        JsonNode state = c.path("State");
        if (!state.path("Running").asBoolean())
            throw new CliException(1, "You cannot attach to a stopped container, start it first");
        if (state.path("Paused").asBoolean())
            throw new CliException(1, "You cannot attach to a paused container, unpause it first");
        boolean tty = c.path("Config").path("Tty").asBoolean();
        boolean stdin = !noStdin && c.path("Config").path("OpenStdin").asBoolean();
        Terminal.requireForInteractiveTty(stdin, tty);
        String id = c.path("Id").asText();
        try (AttachedRun run = AttachedRun.prepare(session, id, stdin, tty, "next-exit", detachKeys)) {
            return run.follow(stdin);
        }
    }
}
