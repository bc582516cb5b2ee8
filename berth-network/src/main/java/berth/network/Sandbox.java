package berth.network;

import java.nio.file.Path;
import java.util.List;

/**
 * A container's network namespace while it runs: pinned at {@code netns} (Docker's SandboxKey), with its
 * endpoints on bridge networks (none for --network none) and its published ports.
 */
public record Sandbox(String containerId, String id, String netns, List<Endpoint> endpoints, List<PublishedPort> ports) {

    public Sandbox {
        endpoints = List.copyOf(endpoints);
        ports = List.copyOf(ports);
    }

    public Path netnsPath() {
        return Path.of(netns);
    }

    public java.util.Optional<Endpoint> endpoint(String networkId) {
        return endpoints.stream().filter(e -> e.networkId().equals(networkId)).findFirst();
    }
}
