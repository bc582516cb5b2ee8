package berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network disconnect NETWORK CONTAINER}. */
@Command(name = "disconnect", description = "Disconnect a container from a network")
final class NetworkDisconnectCommand extends ClientVerb {
    @Option(names = {"-f", "--force"}, description = "Force the container to disconnect from a network") boolean force;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "NETWORK") String network;
    @Parameters(index = "1", paramLabel = "CONTAINER") String container;

    NetworkDisconnectCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        session.client().networks().disconnect(network,
                JsonNodeFactory.instance.objectNode().put("Container", container).put("Force", force));
        return 0;
    }
}
