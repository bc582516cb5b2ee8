package berth.network;

import berth.common.BerthException;
import berth.common.Ids;
import berth.sys.NetOs;
import berth.sys.OsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Container networking on this host: networks (the default bridge, host, none, user bridge networks with
 * their DNS servers), which containers are on which network, and each running container's sandbox: a network namespace pinned under the exec root, a veth pair
 * per bridge network with an address from the network's pool, and its published ports (DNAT in the daemon's
 * nft table, the host port held by a bound socket). Knows containers by ID only, never their state.
 *
 * <p>Sandboxes are made and released under one lock: the kernel work is a few netlink messages, and the
 * firewall is rewritten (one nft run) only when published ports change.
 */
public final class NetworkService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NetworkService.class.getName());
    private static final int VETH_TRIES = 5;
    private final NetworkConfig config;
    private final NetOs os;
    private final Firewall firewall;
    private final NetworkStore store;
    private final SandboxStore sandboxStore;
    private final NetworkRegistry registry;
    private final Executor reaper;
    private final Ipam ipam = new Ipam();
    private final PortReservations ports = new PortReservations();
    private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
    private final Memberships memberships;
    private final NetworkDns dns = new NetworkDns(sandboxes::values);

    NetworkService(NetworkConfig config, NetOs os, Firewall firewall, Executor reaper) {
        this.config = config;
        this.os = os;
        this.firewall = firewall;
        this.reaper = reaper;
        this.store = NetworkStore.open(config.database());
        this.sandboxStore = SandboxStore.open(config.stateDatabase());
        this.registry = new NetworkRegistry(store);
        this.memberships = new Memberships(store);
    }

    /** Opens the store, makes the predefined networks and the default bridge (with forwarding on). The
     * firewall is written by {@link #reconcile}, once the running containers are known. */
    public static NetworkService open(NetworkConfig config, NetOs os) {
        // a veth's deletion waits for the kernel's RCU grace period (~20 ms): never on a container's exit path
        Executor reaper = r -> Thread.ofVirtual().name("berth-veth-reaper").start(r);
        return new NetworkService(config, os, new NftFirewall(config.table()), reaper).init();
    }

    NetworkService init() {
        registry.ensurePredefined();
        if (config.hasBridge()) {
            Optional<Network.Pool> stored = registry.byName(Network.BRIDGE).map(Network::pool);
            Network.Pool pool = DefaultPool.choose(config.bip(), stored, config.bridge(), os.routes());
            Network bridge = registry.ensureDefaultBridge(config.bridge(), pool);
            os.ensureBridge(bridge.bridge(), pool.gateway().inet(), pool.subnet().prefix());
            // the host's own connections to 127.0.0.1:<published port> are DNATed out through the bridge
            os.sysctl("net.ipv4.conf." + bridge.bridge() + ".route_localnet", "1");
            os.sysctl("net.ipv4.ip_forward", "1");
        } else {
            registry.byName(Network.BRIDGE).ifPresent(n -> registry.remove(n.id()));
        }
        for (Network n : registry.bridges()) {
            if (n.name().equals(Network.BRIDGE)) continue;
            bringUp(n); // after a reboot the bridge is gone; else this finds it as it was
        }
        sandboxStore.deleteLeasesWithoutSandbox();
        for (Sandbox s : sandboxStore.sandboxes()) {
            sandboxes.put(s.containerId(), s);
            s.endpoints().forEach(e -> ipam.markUsed(e.networkId(), e.address()));
        }
        return this;
    }

    // --- networks

    public List<Network> list() {
        return registry.all();
    }

    /** By ID, name or unique ID prefix; NotFound "network x not found". */
    public Network get(String ref) {
        return registry.get(ref);
    }

    /** The default bridge's gateway: what "host-gateway" means in --add-host; empty without a default bridge. */
    public Optional<Ipv4> hostGateway() {
        return registry.byName(Network.BRIDGE).map(n -> n.pool().gateway());
    }

    /** What {@code POST /networks/create} asks; "" for what is left to the daemon. */
    public record CreateRequest(String name, String driver, String subnet, String gateway, String ipRange,
                                boolean internal, Map<String, String> options, Map<String, String> labels) {}

    /** A user bridge network: its own Linux bridge ("br-" and 12 hex, unless named in the options), a free
     * subnet unless given, and a DNS server on its gateway. */
    public synchronized Network create(CreateRequest r) {
        if (r.name().isBlank()) throw BerthException.invalid("network name is required");
        if (registry.byName(r.name()).isPresent())
            throw BerthException.conflict("network with name " + r.name() + " already exists");
        String driver = r.driver().isEmpty() ? "bridge" : r.driver();
        if (!driver.equals("bridge")) throw BerthException.notFound("plugin \"" + driver + "\" not found");
        String id = Ids.newId();
        String bridge = r.options().getOrDefault("com.docker.network.bridge.name", "br-" + id.substring(0, 12));
        if (!bridge.matches("[a-zA-Z0-9_.-]{1,15}")) throw BerthException.invalid("invalid bridge name: " + bridge);
        if (registry.bridges().stream().anyMatch(n -> n.bridge().equals(bridge)) || os.linkExists(bridge))
            throw BerthException.conflict("bridge " + bridge + " is in use");
        Network.Pool pool = UserPool.choose(r, registry.bridges(), os.routes());
        Network n = new Network(id, r.name(), "bridge", bridge, List.of(pool), java.time.Instant.now(), r.internal(),
                r.options(), r.labels());
        registry.put(n);
        try {
            bringUp(n);
            applyFirewall();
        } catch (RuntimeException e) {
            tearDown(n);
            throw e;
        }
        return n;
    }

    private void bringUp(Network n) {
        Network.Pool pool = n.pool();
        os.ensureBridge(n.bridge(), pool.gateway().inet(), pool.subnet().prefix());
        os.sysctl("net.ipv4.conf." + n.bridge() + ".route_localnet", "1");
        dns.start(n);
    }

    /** Refused for the pre-defined networks and while a running container is on it. */
    public synchronized void remove(String ref) {
        Network n = registry.get(ref);
        if (n.predefined()) throw BerthException.forbidden(n.name() + " is a pre-defined network and cannot be removed");
        if (!endpointsOn(n.id()).isEmpty())
            throw BerthException.forbidden("error while removing network: network " + n.name() + " id " + n.id()
                    + " has active endpoints");
        tearDown(n);
        applyFirewallQuietly();
    }

    private void tearDown(Network n) {
        dns.stop(n.id());
        memberships.removeNetwork(n.id());
        registry.remove(n.id());
        quietly(() -> os.deleteLink(n.bridge()));
    }

    /** Removes the user networks no running container is on and that {@code filter} accepts; their names. */
    public synchronized List<String> prune(java.util.function.Predicate<Network> filter) {
        List<String> removed = new ArrayList<>();
        for (Network n : registry.all()) {
            if (n.predefined() || !endpointsOn(n.id()).isEmpty() || !filter.test(n)) continue;
            tearDown(n);
            removed.add(n.name());
        }
        if (!removed.isEmpty()) applyFirewallQuietly();
        return removed;
    }

    /** {@code POST /networks/{id}/connect}: a running container gets its new interface at once. */
    public synchronized void connect(String containerId, String containerName, String networkRef, EndpointConfig asked) {
        Network n = registry.get(networkRef);
        if (memberships.contains(containerId, n.id()))
            throw BerthException.forbidden("endpoint with name " + containerName + " already exists in network " + n.name());
        join(containerId, n.id(), asked);
        Sandbox s = sandboxes.get(containerId);
        if (s == null) return;
        try {
            Endpoint e = connect(s.netnsPath(), n, asked, nextIfname(s), containerId, containerName);
            List<Endpoint> all = new ArrayList<>(s.endpoints());
            all.add(e);
            update(new Sandbox(s.containerId(), s.id(), s.netns(), all, s.ports()));
        } catch (RuntimeException e) {
            memberships.remove(containerId, n.id());
            throw e;
        }
    }

    /** {@code POST /networks/{id}/disconnect}: a running container loses the interface at once. */
    public synchronized void disconnect(String containerId, String networkRef) {
        Network n = registry.get(networkRef);
        if (!memberships.contains(containerId, n.id()))
            throw BerthException.forbidden("container " + containerId + " is not connected to network " + n.name());
        memberships.remove(containerId, n.id());
        Sandbox s = sandboxes.get(containerId);
        if (s == null) return;
        s.endpoint(n.id()).ifPresent(e -> {
            quietly(() -> os.deleteLink(e.veth()));
            ipam.release(n.id(), e.address());
            List<Endpoint> rest = s.endpoints().stream().filter(x -> x != e).toList();
            // published ports go to the first endpoint: with it gone they go with it
            boolean portsGone = s.endpoints().getFirst() == e;
            update(new Sandbox(s.containerId(), s.id(), s.netns(), rest, portsGone ? List.of() : s.ports()));
            if (portsGone && !s.ports().isEmpty()) {
                ports.release(containerId);
                unpublishRules(s);
            }
        });
    }

    private void update(Sandbox s) {
        sandboxes.put(s.containerId(), s);
        sandboxStore.putSandbox(s);
    }

    private static String nextIfname(Sandbox s) {
        for (int i = 0; ; i++) {
            String name = "eth" + i;
            if (s.endpoints().stream().noneMatch(e -> e.ifname().equals(name))) return name;
        }
    }

    /** The DNS server a container should use: the gateway of its first user network that has one. */
    public Optional<Ipv4> dnsServerFor(Sandbox s) {
        return dns.serverFor(s);
    }

    /** For tests. */
    NetworkDns dns() {
        return dns;
    }

    /** The containers with a live endpoint on the network. */
    public Map<String, Endpoint> endpointsOn(String networkId) {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        sandboxes.values().forEach(s -> s.endpoint(networkId).ifPresent(e -> out.put(s.containerId(), e)));
        return out;
    }

    // --- memberships: which networks a container is on (kept from create to remove)

    /** Puts the container on a bridge network from its next start. */
    public void join(String containerId, String networkRef, EndpointConfig endpoint) {
        Network n = registry.get(networkRef);
        if (!n.bridged()) throw BerthException.invalid("container cannot be connected to network " + n.name());
        if (!endpoint.macAddress().isEmpty()) Mac.parse(endpoint.macAddress());
        if (!endpoint.ipv4Address().isEmpty() && n.name().equals(Network.BRIDGE))
            throw BerthException.invalid("user specified IP address is supported on user defined networks only");
        if (!endpoint.aliases().isEmpty() && n.name().equals(Network.BRIDGE))
            throw BerthException.invalid("network-scoped alias is supported only for containers in user defined networks");
        if (!endpoint.ipv4Address().isEmpty() && !n.pool().subnet().contains(Ipv4.parse(endpoint.ipv4Address())))
            throw BerthException.invalid("no configured subnet or ip-range contain the IP address " + endpoint.ipv4Address());
        memberships.put(containerId, n.id(), endpoint);
    }

    /** network ID → what was asked, in the order joined. */
    public Map<String, EndpointConfig> joined(String containerId) {
        return memberships.of(containerId);
    }

    /** The container is gone: its sandbox and memberships too. */
    public synchronized void forget(String containerId) {
        release(containerId);
        memberships.removeContainer(containerId);
    }

    // --- sandboxes

    public Optional<Sandbox> sandbox(String containerId) {
        return Optional.ofNullable(sandboxes.get(containerId));
    }

    /** What a start asks: the container's name (for Docker's messages) and the ports to publish. */
    public record StartRequest(String containerName, List<PortRequest> ports) {}

    /**
     * Makes the container's network namespace with an endpoint on each network it joined (none: loopback
     * only) and publishes its ports. All or nothing: on failure nothing is left behind.
     */
    public synchronized Sandbox start(String containerId, StartRequest request) {
        long t0 = System.nanoTime();
        release(containerId); // a crash may have left one
        Path ns = config.netnsDir().resolve(containerId);
        List<Endpoint> endpoints = new ArrayList<>();
        List<PublishedPort> published = List.of();
        String sandboxId = Ids.newId();
        try {
            os.createNetns(ns);
            for (var member : memberships.of(containerId).entrySet()) {
                Optional<Network> n = registry.byId(member.getKey());
                if (n.isPresent()) endpoints.add(connect(ns, n.get(), member.getValue(), "eth" + endpoints.size(),
                        containerId, request.containerName()));
            }
            if (!request.ports().isEmpty() && !endpoints.isEmpty()) {
                published = publish(containerId, request, endpoints.getFirst());
            }
            Sandbox s = new Sandbox(containerId, sandboxId, ns.toString(), endpoints, published);
            sandboxes.put(containerId, s);
            if (!published.isEmpty()) publishRules(s);
            sandboxStore.putSandbox(s);
            LOG.fine(() -> "sandbox of " + containerId + " made in " + (System.nanoTime() - t0) / 1000 + " us");
            return s;
        } catch (RuntimeException e) {
            sandboxes.remove(containerId);
            ports.release(containerId);
            teardown(new Sandbox(containerId, sandboxId, ns.toString(), endpoints, List.of()));
            if (!published.isEmpty()) unpublishRules(new Sandbox(containerId, sandboxId, ns.toString(), endpoints, published));
            throw e instanceof BerthException b ? b : BerthException.fault("failed to set up container networking: " + e.getMessage(), e);
        }
    }

    private Endpoint connect(Path ns, Network n, EndpointConfig asked, String ifname, String containerId, String name) {
        Network.Pool pool = n.pool();
        Ipv4 ip = ipam.allocate(n, asked.ipv4Address());
        try {
            String mac = asked.macAddress().isEmpty() ? Mac.fromIp(ip) : Mac.normalize(asked.macAddress());
            String veth = addVeth(n.bridge(), ns, ifname, Mac.parse(mac));
            // the default bridge has no DNS server, as in Docker; user networks answer these names
            List<String> dnsNames = new ArrayList<>();
            if (!n.name().equals(Network.BRIDGE)) {
                if (!name.isEmpty()) dnsNames.add(name);
                dnsNames.add(Ids.shortId(containerId));
                dnsNames.addAll(asked.aliases());
            }
            Endpoint e = new Endpoint(n.id(), Ids.newId(), ip, pool.subnet().prefix(), pool.gateway(), mac, veth, ifname, dnsNames);
            try {
                // only the first network gives the default route, as Docker's gateway choice does for one network
                Optional<java.net.Inet4Address> gw = ifname.equals("eth0") ? Optional.of(pool.gateway().inet()) : Optional.empty();
                os.configureInterface(ns, ifname, ip.inet(), pool.subnet().prefix(), gw);
            } catch (RuntimeException failed) {
                os.deleteLink(veth);
                throw failed;
            }
            return e;
        } catch (RuntimeException failed) {
            ipam.release(n.id(), ip);
            throw failed;
        }
    }

    /** Docker names host ends "veth" and 7 random hex digits; a clash (with another daemon's) just tries again. */
    private String addVeth(String bridge, Path ns, String ifname, byte[] mac) {
        for (int attempt = 1; ; attempt++) {
            String name = "veth" + Ids.newId().substring(0, 7);
            try {
                os.addVeth(name, bridge, ns, ifname, mac);
                return name;
            } catch (OsException e) {
                if (e.errno() != OsException.EEXIST || attempt == VETH_TRIES) throw e;
            }
        }
    }

    private List<PublishedPort> publish(String containerId, StartRequest request, Endpoint on) {
        try {
            return ports.reserve(containerId, request.ports(), on.address().toString());
        } catch (BerthException e) {
            throw BerthException.fault("driver failed programming external connectivity on endpoint "
                    + request.containerName() + " (" + on.id() + "): " + e.getMessage(), e);
        }
    }

    /** Frees what the container's sandbox held. A no-op when it has none. */
    public synchronized void release(String containerId) {
        long t0 = System.nanoTime();
        Sandbox s = sandboxes.remove(containerId);
        Path ns = config.netnsDir().resolve(containerId);
        if (s == null) {
            quietly(() -> os.deleteNetns(ns));
            return;
        }
        ports.release(containerId);
        teardown(s);
        if (!s.ports().isEmpty()) unpublishRules(s);
        sandboxStore.deleteSandbox(containerId);
        LOG.fine(() -> "sandbox of " + containerId + " released in " + (System.nanoTime() - t0) / 1000 + " us");
    }

    /** Unpins the namespace (its devices go with it once its processes are gone) and, off the caller's
     * path, deletes the host ends in case something else still holds the namespace. */
    private void teardown(Sandbox s) {
        s.endpoints().forEach(e -> ipam.release(e.networkId(), e.address()));
        quietly(() -> os.deleteNetns(s.netnsPath()));
        List<String> veths = s.endpoints().stream().map(Endpoint::veth).toList();
        if (!veths.isEmpty()) reaper.execute(() -> veths.forEach(v -> quietly(() -> os.deleteLink(v))));
    }

    /**
     * After a daemon start: sandboxes of containers still running are kept (their ports held again), the rest
     * released; namespaces, veths and memberships nobody owns are swept; the firewall is rewritten.
     */
    public synchronized void reconcile(Set<String> running, Set<String> known) {
        for (Sandbox s : List.copyOf(sandboxes.values())) {
            if (running.contains(s.containerId())) ports.readopt(s.containerId(), s.ports());
            else release(s.containerId());
        }
        for (String cid : memberships.containers()) {
            if (!known.contains(cid)) forget(cid);
        }
        sweepNamespaces();
        sweepVeths();
        applyFirewallQuietly();
    }

    private void sweepNamespaces() {
        if (!Files.isDirectory(config.netnsDir())) return;
        try (Stream<Path> files = Files.list(config.netnsDir())) {
            files.filter(f -> !sandboxes.containsKey(f.getFileName().toString())).forEach(f -> {
                LOG.info("removing leftover network namespace " + f);
                quietly(() -> os.deleteNetns(f));
            });
        } catch (IOException e) {
            LOG.warning("cannot list " + config.netnsDir() + ": " + e.getMessage());
        }
    }

    private void sweepVeths() {
        Set<String> live = new HashSet<>();
        sandboxes.values().forEach(s -> s.endpoints().forEach(e -> live.add(e.veth())));
        for (Network n : registry.bridges()) {
            for (String link : os.linksOf(n.bridge())) {
                if (!live.contains(link)) {
                    LOG.info("removing leftover veth " + link + " on " + n.bridge());
                    quietly(() -> os.deleteLink(link));
                }
            }
        }
    }

    private void applyFirewall() {
        List<Firewall.Bridge> bridges = registry.bridges().stream()
                .map(n -> new Firewall.Bridge(n.bridge(), n.pool().subnet(), n.internal())).toList();
        List<Firewall.Dnat> dnats = new ArrayList<>();
        sandboxes.values().forEach(s -> dnats.addAll(dnats(s)));
        firewall.apply(new Firewall.State(bridges, dnats));
    }

    /** Published ports go to the sandbox's first endpoint. */
    private static List<Firewall.Dnat> dnats(Sandbox s) {
        if (s.endpoints().isEmpty()) return List.of();
        Ipv4 target = s.endpoints().getFirst().address();
        return s.ports().stream()
                .map(p -> new Firewall.Dnat(p.hostIp(), p.proto(), p.hostPort(), target, p.containerPort())).toList();
    }

    /** Adds the sandbox's ports to the rules; should that fail (the table changed under us), rewrites them all. */
    private void publishRules(Sandbox s) {
        try {
            firewall.publish(dnats(s));
        } catch (RuntimeException e) {
            LOG.info("rewriting the firewall rules: " + e.getMessage());
            applyFirewall();
        }
    }

    /** Removes the sandbox's ports from the rules, or rewrites them all (without the sandbox) if that fails. */
    private void unpublishRules(Sandbox s) {
        try {
            firewall.unpublish(dnats(s));
        } catch (RuntimeException e) {
            LOG.info("rewriting the firewall rules: " + e.getMessage());
            applyFirewallQuietly();
        }
    }

    private void applyFirewallQuietly() {
        try {
            applyFirewall();
        } catch (RuntimeException e) {
            LOG.warning("cannot write the firewall rules: " + e.getMessage());
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warning(e.getMessage());
        }
    }

    @Override
    public void close() {
        dns.close();
        store.close();
        sandboxStore.close();
    }
}
