package berth.network;

import berth.common.BerthException;
import berth.common.Ids;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The networks, stored and in memory; looked up by ID, name or unique ID prefix, as Docker does. */
final class NetworkRegistry {
    private final NetworkStore store;
    private final Map<String, Network> byId = new ConcurrentHashMap<>();

    NetworkRegistry(NetworkStore store) {
        this.store = store;
        store.networks().forEach(n -> byId.put(n.id(), n));
    }

    /** host and none exist on every daemon; their IDs are made once and kept. */
    void ensurePredefined() {
        if (byName(Network.HOST).isEmpty()) put(predefined(Network.HOST, "host"));
        if (byName(Network.NONE).isEmpty()) put(predefined(Network.NONE, "null"));
    }

    private static Network predefined(String name, String driver) {
        return new Network(Ids.newId(), name, driver, "", List.of(), Instant.now(), false, Map.of(), Map.of());
    }

    /** The default bridge, made or updated (its pool or Linux name may change with the daemon's flags). */
    Network ensureDefaultBridge(String bridge, Network.Pool pool) {
        Optional<Network> old = byName(Network.BRIDGE);
        Map<String, String> options = Map.of(
                "com.docker.network.bridge.default_bridge", "true",
                "com.docker.network.bridge.enable_icc", "true",
                "com.docker.network.bridge.enable_ip_masquerade", "true",
                "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
                "com.docker.network.bridge.name", bridge,
                "com.docker.network.driver.mtu", "1500");
        Network n = new Network(old.map(Network::id).orElseGet(Ids::newId), Network.BRIDGE, "bridge", bridge,
                List.of(pool), old.map(Network::created).orElseGet(Instant::now), false, options, Map.of());
        if (!old.equals(Optional.of(n))) put(n);
        return n;
    }

    void put(Network n) {
        store.putNetwork(n);
        byId.put(n.id(), n);
    }

    void remove(String id) {
        store.deleteNetwork(id);
        byId.remove(id);
    }

    Optional<Network> byName(String name) {
        return byId.values().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    Optional<Network> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Full ID, exact name, then a unique ID prefix. */
    Network get(String ref) {
        if (byId.containsKey(ref)) return byId.get(ref);
        Optional<Network> named = byName(ref);
        if (named.isPresent()) return named.get();
        if (Ids.isHexPrefix(ref)) {
            List<Network> matches = byId.values().stream().filter(n -> n.id().startsWith(ref)).toList();
            if (matches.size() == 1) return matches.getFirst();
            if (matches.size() > 1) throw BerthException.invalid("network " + ref + " is ambiguous (" + matches.size() + " matches found based on ID prefix)");
        }
        throw BerthException.notFound("network " + ref + " not found");
    }

    List<Network> all() {
        return byId.values().stream().sorted(Comparator.comparing(Network::created).thenComparing(Network::name)).toList();
    }

    List<Network> bridges() {
        return all().stream().filter(Network::bridged).toList();
    }
}
