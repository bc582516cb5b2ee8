package berth.engine;

import berth.common.BerthException;
import berth.engine.view.NetworkInspect;
import berth.network.Endpoint;
import berth.network.Network;
import berth.network.NetworkService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Networks} over the network service, with container names from the engine. */
final class NetworkViews implements Networks {
    private static final Set<String> FILTERS = Set.of("driver", "id", "label", "name", "scope", "type", "dangling");
    private final NetworkService networks;
    private final ContainerIndex containers;

    NetworkViews(NetworkService networks, ContainerIndex containers) {
        this.networks = networks;
        this.containers = containers;
    }

    @Override
    public List<NetworkInspect> list(Map<String, List<String>> filters) {
        filters.keySet().forEach(k -> {
            if (!FILTERS.contains(k)) throw BerthException.invalid("invalid filter '" + k + "'");
        });
        return networks.list().stream().filter(n -> matches(n, filters)).map(n -> view(n, false)).toList();
    }

    @Override
    public NetworkInspect inspect(String ref) {
        return view(networks.get(ref), true);
    }

    private boolean matches(Network n, Map<String, List<String>> f) {
        return any(f, "driver", v -> n.driver().equals(v))
                && any(f, "id", v -> n.id().startsWith(v))
                && any(f, "name", v -> n.name().contains(v))
                && any(f, "scope", v -> v.equals("local"))
                && any(f, "type", v -> v.equals(n.isPredefined() ? "builtin" : "custom"))
                && any(f, "dangling", v -> (v.equals("true") || v.equals("1")) == (!n.isPredefined()
                        && networks.endpointsOn(n.id()).isEmpty()))
                && any(f, "label", v -> label(n, v));
    }

    private static boolean label(Network n, String filter) {
        int eq = filter.indexOf('=');
        if (eq < 0) return n.labels().containsKey(filter);
        return filter.substring(eq + 1).equals(n.labels().get(filter.substring(0, eq)));
    }

    private static boolean any(Map<String, List<String>> f, String key, java.util.function.Predicate<String> p) {
        List<String> values = f.get(key);
        return values == null || values.isEmpty() || values.stream().anyMatch(p);
    }

    private NetworkInspect view(Network n, boolean withContainers) {
        var pools = n.pools().stream()
                .map(p -> new NetworkInspect.PoolConfig(p.subnet().toString(), p.gateway().toString())).toList();
        Map<String, NetworkInspect.Attached> attached = new LinkedHashMap<>();
        if (withContainers) networks.endpointsOn(n.id()).forEach((cid, e) -> attached.put(cid, attached(cid, e)));
        return new NetworkInspect(n.name(), n.id(), n.created().toString(), "local", n.driver(), false,
                new NetworkInspect.Ipam("default", Map.of(), pools), n.internal(), false, false,
                new NetworkInspect.ConfigFrom(""), false, attached, n.options(), n.labels());
    }

    private NetworkInspect.Attached attached(String cid, Endpoint e) {
        String name = containers.find(cid).map(Container::name).orElse("");
        return new NetworkInspect.Attached(name, e.id(), e.mac(), e.address() + "/" + e.prefix(), "");
    }
}
