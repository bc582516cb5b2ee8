package berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network connect NETWORK CONTAINER}. */
@Command(name = "connect", description = "Connect a container to a network")
final class NetworkConnectCommand extends ClientVerb {
    @Option(names = "--alias", description = "Add network-scoped alias for the container") List<String> aliases = new ArrayList<>();
    @Option(names = "--ip", description = "IPv4 address (e.g., 172.30.100.104)") String ip;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "NETWORK") String network;
    @Parameters(index = "1", paramLabel = "CONTAINER") String container;

    NetworkConnectCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("Container", container);
        ObjectNode endpoint = body.putObject("EndpointConfig");
        if (ip != null) endpoint.putObject("IPAMConfig").put("IPv4Address", ip);
        if (!aliases.isEmpty()) aliases.forEach(endpoint.putArray("Aliases")::add);
        session.client().networks().connect(network, body);
        return 0;
    }
}
