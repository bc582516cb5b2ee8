package berth.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The DNS servers of the user networks, one per network on its gateway. A name is looked up on every network
 * the asking container is on (found by its address), as Docker's resolver does; anyone else sees the
 * network's own containers.
 */
final class NetworkDns implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NetworkDns.class.getName());
    private final Map<String, DnsServer> servers = new ConcurrentHashMap<>();
    private final Supplier<Collection<Sandbox>> sandboxes;
    private volatile int port = 53;

    NetworkDns(Supplier<Collection<Sandbox>> sandboxes) {
        this.sandboxes = sandboxes;
    }

    /** For tests: servers started from now on listen on this port. */
    void port(int port) {
        this.port = port;
    }

    void start(Network n) {
        try {
            servers.put(n.id(), DnsServer.start(n.pool().gateway(), port, (name, client) -> lookup(n.id(), name, client),
                    NetworkDns::upstreams));
        } catch (IOException e) {
            LOG.warning("no DNS server for network " + n.name() + " on " + n.pool().gateway() + ": " + e.getMessage());
        }
    }

    void stop(String networkId) {
        Optional.ofNullable(servers.remove(networkId)).ifPresent(DnsServer::close);
    }

    /** The server a container should use: the gateway of its first network that has one. */
    Optional<Ipv4> serverFor(Sandbox s) {
        return s.endpoints().stream().filter(e -> servers.containsKey(e.networkId())).map(Endpoint::gateway).findFirst();
    }

    List<Ipv4> lookup(String networkId, String name, Ipv4 client) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        Collection<Sandbox> all = sandboxes.get();
        Set<String> scope = all.stream()
                .filter(s -> s.endpoint(networkId).map(e -> e.address().equals(client)).orElse(false))
                .findFirst().map(s -> s.endpoints().stream().map(Endpoint::networkId).collect(Collectors.toSet()))
                .orElse(Set.of(networkId));
        List<Ipv4> found = new ArrayList<>();
        for (Sandbox s : all) {
            for (Endpoint e : s.endpoints()) {
                if (scope.contains(e.networkId()) && e.dnsNames().stream().anyMatch(d -> d.equalsIgnoreCase(n))) {
                    found.add(e.address());
                }
            }
        }
        return found;
    }

    /** The host's resolvers (loopback ones too: the servers run in the host's namespace), else Google's. */
    private static List<InetSocketAddress> upstreams() {
        List<String> servers = ResolvConf.nameservers(ResolvConf.host()).stream().filter(Ipv4::isValid).toList();
        if (servers.isEmpty()) servers = ResolvConf.FALLBACK;
        return servers.stream().map(s -> new InetSocketAddress(Ipv4.parse(s).inet(), 53)).toList();
    }

    @Override
    public void close() {
        servers.values().forEach(DnsServer::close);
        servers.clear();
    }
}
