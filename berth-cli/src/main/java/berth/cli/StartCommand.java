package berth.cli;

import berth.client.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth start}: start containers and print their names; with -a, stream one like run does. */
@Command(name = "start", description = "Start one or more stopped containers")
final class StartCommand extends ClientVerb {
    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals") boolean attach;
    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN") boolean interactive;
    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> containers;

    StartCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (!attach && !interactive) {
            return forEach(containers, id -> {
                containers().start(id);
                session.out().println(id);
            });
        }
        if (containers.size() > 1) {
            throw new CliException(1, "you cannot start and attach multiple containers at once");
        }
        return attached(containers.getFirst());
    }

    private int attached(String id) {
        JsonNode c = containers().inspect(id);
        boolean tty = c.path("Config").path("Tty").asBoolean();
        boolean autoRemove = c.path("HostConfig").path("AutoRemove").asBoolean();
        Terminal.requireForInteractiveTty(interactive, tty);
        try (AttachedRun run = AttachedRun.prepare(session, id, interactive, tty,
                autoRemove ? "removed" : "next-exit", detachKeys)) {
            containers().start(id);
            return run.follow(interactive);
        } catch (ApiException e) {
            throw new CliException(1, "Error response from daemon: " + e.getMessage());
        }
    }
}
