package berth.engine;

import berth.network.Endpoint;
import berth.network.EndpointConfig;
import berth.network.Network;
import berth.network.NetworkService;
import berth.network.PortKey;
import berth.network.PublishedPort;
import berth.network.Sandbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * NetworkSettings as Docker shows it in inspect (the default bridge's endpoint also at the top level, Ports
 * with null for exposed ports not published) and the Ports and NetworkSettings of {@code GET /containers/json}.
 * Maps, not records: Docker's null values (IPAMConfig, Aliases, an unpublished port) are part of the shape.
 */
final class NetworkSettingsView {
    private final NetworkService networks;

    NetworkSettingsView(NetworkService networks) {
        this.networks = networks;
    }

    Map<String, Object> inspect(Container c) {
        Optional<Sandbox> sb = live(c);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Bridge", "");
        s.put("SandboxID", sb.map(Sandbox::id).orElse(""));
        s.put("SandboxKey", sb.map(Sandbox::netns).orElse(""));
        s.put("Ports", sb.isPresent() ? portMap(c, sb.get()) : Map.of());
        s.put("HairpinMode", false);
        s.put("LinkLocalIPv6Address", "");
        s.put("LinkLocalIPv6PrefixLen", 0);
        s.put("SecondaryIPAddresses", null);
        s.put("SecondaryIPv6Addresses", null);
        Optional<Endpoint> bridge = sb.flatMap(x -> defaultBridge().flatMap(n -> x.endpoint(n.id())));
        s.put("EndpointID", bridge.map(Endpoint::id).orElse(""));
        s.put("Gateway", bridge.map(e -> e.gateway().toString()).orElse(""));
        s.put("GlobalIPv6Address", "");
        s.put("GlobalIPv6PrefixLen", 0);
        s.put("IPAddress", bridge.map(e -> e.address().toString()).orElse(""));
        s.put("IPPrefixLen", bridge.map(Endpoint::prefix).orElse(0));
        s.put("IPv6Gateway", "");
        s.put("MacAddress", bridge.map(Endpoint::mac).orElse(""));
        s.put("Networks", networksOf(c, sb));
        return s;
    }

    Map<String, Object> summary(Container c) {
        return Map.of("Networks", networksOf(c, live(c)));
    }

    /** ps's Ports: published ports with their host side, exposed ones alone; for running containers only. */
    List<Object> ports(Container c) {
        Optional<Sandbox> sb = live(c);
        if (sb.isEmpty()) return List.of();
        List<Object> rows = new ArrayList<>();
        for (PortKey key : exposedKeys(c)) {
            List<PublishedPort> published = sb.get().ports().stream().filter(p -> p.key().equals(key)).toList();
            if (published.isEmpty()) rows.add(Map.of("PrivatePort", key.port(), "Type", key.proto()));
            published.forEach(p -> rows.add(Map.of("IP", p.hostIp(), "PrivatePort", p.containerPort(),
                    "PublicPort", p.hostPort(), "Type", p.proto())));
        }
        return rows;
    }

    private Optional<Sandbox> live(Container c) {
        return c.isActive() ? networks.sandbox(c.id()) : Optional.empty();
    }

    private Optional<Network> defaultBridge() {
        return networks.list().stream().filter(n -> n.name().equals(Network.BRIDGE)).findFirst();
    }

    private static Map<String, Object> portMap(Container c, Sandbox sb) {
        Map<String, Object> ports = new LinkedHashMap<>();
        if (sb.endpoints().isEmpty()) return ports;
        for (PortKey key : exposedKeys(c)) {
            List<Map<String, String>> bindings = sb.ports().stream().filter(p -> p.key().equals(key))
                    .map(p -> Map.of("HostIp", p.hostIp(), "HostPort", Integer.toString(p.hostPort()))).toList();
            ports.put(key.toString(), bindings.isEmpty() ? null : bindings);
        }
        return ports;
    }

    private static List<PortKey> exposedKeys(Container c) {
        TreeMap<PortKey, Boolean> keys = new TreeMap<>();
        ContainerNetworking.exposed(c).forEach(k -> keys.put(PortKey.parse(k), true));
        return List.copyOf(keys.keySet());
    }

    /** NetworkSettings.Networks: one EndpointSettings per network, empty values while not running. */
    private Map<String, Object> networksOf(Container c, Optional<Sandbox> sb) {
        Map<String, Object> out = new TreeMap<>();
        switch (NetMode.of(c.hostConfig().networkMode())) {
            case NetMode.Shared s -> { }
            case NetMode.Host h -> predefined(Network.HOST).ifPresent(n -> out.put(n.name(), settings(n, EndpointConfig.NONE, Optional.empty())));
            case NetMode.None n -> predefined(Network.NONE).ifPresent(x -> out.put(x.name(), settings(x, EndpointConfig.NONE, Optional.empty())));
            case NetMode.Network n -> networks.joined(c.id()).forEach((networkId, asked) -> networks.list().stream()
                    .filter(x -> x.id().equals(networkId)).findFirst()
                    .ifPresent(x -> out.put(x.name(), settings(x, asked, sb.flatMap(s -> s.endpoint(networkId))))));
        }
        return out;
    }

    private Optional<Network> predefined(String name) {
        return networks.list().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    private static Map<String, Object> settings(Network n, EndpointConfig asked, Optional<Endpoint> e) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("IPAMConfig", asked.ipv4Address().isEmpty() ? null : Map.of("IPv4Address", asked.ipv4Address()));
        s.put("Links", null);
        s.put("Aliases", asked.aliases().isEmpty() ? null : asked.aliases());
        s.put("MacAddress", e.map(Endpoint::mac).orElse(asked.macAddress()));
        s.put("DriverOpts", null);
        s.put("NetworkID", n.id());
        s.put("EndpointID", e.map(Endpoint::id).orElse(""));
        s.put("Gateway", e.map(x -> x.gateway().toString()).orElse(""));
        s.put("IPAddress", e.map(x -> x.address().toString()).orElse(""));
        s.put("IPPrefixLen", e.map(Endpoint::prefix).orElse(0));
        s.put("IPv6Gateway", "");
        s.put("GlobalIPv6Address", "");
        s.put("GlobalIPv6PrefixLen", 0);
        s.put("DNSNames", e.map(Endpoint::dnsNames).filter(d -> !d.isEmpty()).orElse(null));
        return s;
    }
}
