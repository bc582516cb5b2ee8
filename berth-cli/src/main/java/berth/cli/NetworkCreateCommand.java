package berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network create}: a bridge network; prints its ID. */
@Command(name = "create", description = "Create a network")
final class NetworkCreateCommand extends ClientVerb {
    @Option(names = {"-d", "--driver"}, description = "Driver to manage the Network") String driver = "bridge";
    @Option(names = "--subnet", description = "Subnet in CIDR format that represents a network segment") String subnet;
    @Option(names = "--gateway", description = "IPv4 Gateway for the master subnet") String gateway;
    @Option(names = "--ip-range", description = "Allocate container ip from a sub-range") String ipRange;
    @Option(names = "--internal", description = "Restrict external access to the network") boolean internal;
    @Option(names = "--label", description = "Set metadata on a network") List<String> labels = new ArrayList<>();
    @Option(names = {"-o", "--opt"}, description = "Set driver specific options") List<String> options = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "NETWORK") String name;

    NetworkCreateCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("Name", name).put("Driver", driver)
                .put("Internal", internal).put("CheckDuplicate", true);
        if (subnet != null || gateway != null || ipRange != null) {
            ObjectNode pool = body.putObject("IPAM").put("Driver", "default").putArray("Config").addObject();
            if (subnet != null) pool.put("Subnet", subnet);
            if (gateway != null) pool.put("Gateway", gateway);
            if (ipRange != null) pool.put("IPRange", ipRange);
        }
        pairs(body.putObject("Options"), options);
        pairs(body.putObject("Labels"), labels);
        session.out().println(session.client().networks().create(body).path("Id").asText());
        return 0;
    }

    /** "k=v" (a bare "k" is an empty value), as docker reads -o and --label. */
    private static void pairs(ObjectNode node, List<String> values) {
        for (String v : values) {
            int eq = v.indexOf('=');
            node.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
        }
    }
}
