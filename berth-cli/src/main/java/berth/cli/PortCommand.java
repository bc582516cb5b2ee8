package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth port CONTAINER [PRIVATE_PORT[/PROTO]]}: the published ports, from NetworkSettings.Ports. */
@Command(name = "port", description = "List port mappings or a specific mapping for the container")
final class PortCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]") String privatePort;

    PortCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        JsonNode ports = containers().inspect(container).path("NetworkSettings").path("Ports");
        Optional<String> wanted = Optional.ofNullable(privatePort).map(p -> p.contains("/") ? p : p + "/tcp");
        List<String> lines = new ArrayList<>();
        ports.properties().forEach(e -> {
            if (wanted.isPresent() && !wanted.get().equals(e.getKey())) return;
            e.getValue().forEach(b -> {
                String address = hostPort(b.path("HostIp").asText(), b.path("HostPort").asText());
                lines.add(wanted.isPresent() ? address : e.getKey() + " -> " + address);
            });
        });
        if (lines.isEmpty() && wanted.isPresent())
            throw new CliException(1, "Error: No public port '" + wanted.get() + "' published for " + container);
        lines.forEach(session.out()::println);
        return 0;
    }

    private static String hostPort(String ip, String port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
