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

    @Override
    public String create(NetworkService.CreateRequest request) {
        return networks.create(request).id();
    }

    @Override
    public void remove(String ref) {
        networks.remove(ref);
    }

    @Override
    public void connect(String networkRef, String container, berth.network.EndpointConfig endpoint) {
        Container c = shareable(container);
        networks.connect(c.id(), c.name(), networkRef, endpoint);
    }

    @Override
    public void disconnect(String networkRef, String container, boolean force) {
        networks.disconnect(shareable(container).id(), networkRef);
    }

    /** Containers in host or container: mode have no network of their own to add to. */
    private Container shareable(String ref) {
        Container c = containers.get(ref);
        return switch (NetMode.of(c.hostConfig().networkMode())) {
            case NetMode.Network n -> c;
            case NetMode.None n -> throw BerthException.invalid(
                    "container cannot be connected to multiple networks with one of the networks in private (none) mode");
            default -> throw BerthException.invalid(
                    "container sharing network namespace with another container or host cannot be connected to any other network");
        };
    }

    @Override
    public List<String> prune(Map<String, List<String>> filters) {
        filters.keySet().forEach(k -> {
            if (!Set.of("label", "label!", "until").contains(k)) throw BerthException.invalid("invalid filter '" + k + "'");
        });
        java.time.Instant until = filters.getOrDefault("until", List.of()).stream().findFirst()
                .map(NetworkViews::instant).orElse(java.time.Instant.MAX);
        return networks.prune(n -> n.created().isBefore(until)
                && filters.getOrDefault("label", List.of()).stream().allMatch(l -> label(n, l))
                && filters.getOrDefault("label!", List.of()).stream().noneMatch(l -> label(n, l)));
    }

    /** "until": a Unix timestamp or an RFC 3339 time. */
    private static java.time.Instant instant(String s) {
        try {
            return s.matches("\\d+(\\.\\d+)?") ? java.time.Instant.ofEpochSecond((long) Double.parseDouble(s))
                    : java.time.Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw BerthException.invalid("invalid filter 'until=" + s + "'");
        }
    }

    private boolean matches(Network n, Map<String, List<String>> f) {
        return any(f, "driver", v -> n.driver().equals(v))
                && any(f, "id", v -> n.id().startsWith(v))
                && any(f, "name", v -> n.name().contains(v))
                && any(f, "scope", v -> v.equals("local"))
                && any(f, "type", v -> v.equals(n.predefined() ? "builtin" : "custom"))
                && any(f, "dangling", v -> (v.equals("true") || v.equals("1")) == (!n.predefined()
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
