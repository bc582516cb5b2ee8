package berth.cli;

import berth.client.Query;
import berth.client.Response;
import berth.client.StreamDemux;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs}: the container's stdout to ours and its stderr to ours. */
@Command(name = "logs", description = "Fetch the logs of a container")
final class LogsCommand extends ClientVerb {
    @Option(names = {"-f", "--follow"}, description = "Follow log output") boolean follow;
    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps") boolean timestamps;
    @Option(names = {"-n", "--tail"}, description = "Number of lines to show from the end of the logs") String tail = "all";
    @Option(names = "--since", description = "Show logs since timestamp or relative (e.g. 42m for 42 minutes)") String since = "";
    @Option(names = "--until", description = "Show logs before a timestamp or relative (e.g. 42m for 42 minutes)") String until = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;

    LogsCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        // a TTY container's log is one raw stream: docker asks first, and so do we
        boolean tty = containers().inspect(container).path("Config").path("Tty").asBoolean();
        try (Response r = containers().logs(container, query())) {
            StreamDemux.copy(r.body(), !tty, session.out(), session.err());
        }
        return 0;
    }

    Query query() {
        Query q = Query.of().with("stdout", 1).with("stderr", 1).flag("follow", follow).flag("timestamps", timestamps)
                .with("tail", tail);
        q = since.isEmpty() ? q : q.with("since", Timestamps.parse(since, session.clock().instant()));
        return until.isEmpty() ? q : q.with("until", Timestamps.parse(until, session.clock().instant()));
    }
}
