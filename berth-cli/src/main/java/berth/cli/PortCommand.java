package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Option;

/**
 * {@code berth port CONTAINER [PRIVATE_PORT[/PROTO]]}: the published ports from inspect's
 * NetworkSettings.Ports, "80/tcp -> 0.0.0.0:8080" per binding, or just the host addresses of one port.
 */
@Command(name = "port", description = "List port mappings or a specific mapping for the container")
final class PortCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]") String privatePort;

    PortCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        JsonNode c = containers().inspect(container);
        JsonNode ports = c.path("NetworkSettings").path("Ports");
        if (privatePort != null) {
            String key = privatePort.contains("/") ? privatePort : privatePort + "/tcp";
            List<String> hosts = addresses(ports.path(key));
            // docker names the port and the container as the user wrote them
            if (hosts.isEmpty()) throw new CliException(1, "Error: No public port '" + privatePort + "' published for " + container);
            hosts.forEach(session.out()::println);
            return 0;
        }
        List<Map.Entry<String, JsonNode>> published = new ArrayList<>(ports.properties());
        published.sort(Comparator.comparingInt((Map.Entry<String, JsonNode> e) -> number(e.getKey())).thenComparing(Map.Entry::getKey));
        published.forEach(e -> addresses(e.getValue()).forEach(a -> session.out().println(e.getKey() + " -> " + a)));
        return 0;
    }

    /** "HostIp:HostPort" per binding; an IPv6 address in brackets, as Go's JoinHostPort writes it. */
    static List<String> addresses(JsonNode bindings) {
        List<String> out = new ArrayList<>();
        for (JsonNode b : bindings) {
            String ip = b.path("HostIp").asText();
            out.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + b.path("HostPort").asText());
        }
        return out;
    }

    private static int number(String portProto) {
        try {
            return Integer.parseInt(portProto.replaceFirst("/.*", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
