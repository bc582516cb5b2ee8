package berth.engine;

import berth.common.BerthException;
import berth.engine.model.ContainerConfig;
import berth.engine.model.HostConfig;
import berth.engine.model.NetworkingConfig;
import berth.network.EndpointConfig;
import berth.network.HostsFile;
import berth.network.Ipv4;
import berth.network.NetworkService;
import berth.network.PortRequest;
import berth.network.ResolvConf;
import berth.network.Sandbox;
import berth.runtime.BundleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's network modes for containers: checked and recorded at create, set up at start (a sandbox from the
 * network service, or the host's or another container's namespace), released at exit, forgotten at remove.
 */
final class ContainerNetworking {
    private final NetworkService networks;
    private final ContainerIndex index;
    private final ContainerPaths paths;

    ContainerNetworking(NetworkService networks, ContainerIndex index, ContainerPaths paths) {
        this.networks = networks;
        this.index = index;
        this.paths = paths;
    }

    NetworkService service() {
        return networks;
    }

    /** Docker's refusals for options that do not go with the mode; returns its warnings. Nothing is stored. */
    List<String> check(ContainerConfig requested, HostConfig host, NetworkingConfig networking) {
        NetMode mode = NetMode.of(host.networkMode());
        List<String> warnings = new ArrayList<>();
        switch (mode) {
            case NetMode.Shared s -> {
                if (requested.hostname() != null && !requested.hostname().isEmpty())
                    throw BerthException.invalid("conflicting options: hostname and the network mode");
                if (!host.portBindings().isEmpty() || host.publishAllPorts())
                    throw BerthException.invalid("conflicting options: port publishing and the container type network mode");
                if (!host.dns().isEmpty()) throw BerthException.invalid("conflicting options: dns and the network mode");
                if (!host.extraHosts().isEmpty())
                    throw BerthException.invalid("conflicting options: custom host-to-IP mapping and the network mode");
                if (!endpoint(networking, mode).macAddress().isEmpty())
                    throw BerthException.invalid("conflicting options: mac-address and the network mode");
                if (s.container().isEmpty()) throw BerthException.invalid("invalid network mode: container:");
                index.get(s.container());
            }
            case NetMode.Host h -> {
                if (!host.portBindings().isEmpty() || host.publishAllPorts())
                    warnings.add("Published ports are discarded when using host network mode");
            }
            case NetMode.None n -> { }
            case NetMode.Network n -> networks.get(n.name());
        }
        host.extraHosts().forEach(HostsFile::parseExtraHost);
        PortRequest.of(host.portBindings(), false, List.of());
        return warnings;
    }

    /** Records the container on its network (bridge modes), with what the client asked for it there. */
    void created(String id, HostConfig host, NetworkingConfig networking) {
        NetMode mode = NetMode.of(host.networkMode());
        if (mode instanceof NetMode.Network n) networks.join(id, n.name(), endpoint(networking, mode));
    }

    /** The endpoint settings for the mode's network: keyed by its name, or "default" as the docker CLI sends. */
    private static EndpointConfig endpoint(NetworkingConfig networking, NetMode mode) {
        var all = networking.endpointsConfig();
        var asked = Optional.ofNullable(all.get(mode.key()))
                .or(() -> mode.key().equals("bridge") ? Optional.ofNullable(all.get("default")) : Optional.empty())
                .or(() -> all.size() == 1 && !(mode instanceof NetMode.Network) ? all.values().stream().findFirst() : Optional.empty());
        return asked.map(e -> new EndpointConfig(e.aliases(),
                e.ipamConfig() == null ? "" : e.ipamConfig().ipv4Address(), e.macAddress())).orElse(EndpointConfig.NONE);
    }

    /** Sets up the container's network for a start; on failure nothing is left. */
    NetworkSetup up(Container c) {
        HostConfig host = c.hostConfig();
        ContainerConfig cfg = c.config();
        String hostText = ResolvConf.host();
        return switch (NetMode.of(host.networkMode())) {
            case NetMode.Host h -> new NetworkSetup(BundleSpec.NetworkMode.HOST, cfg.hostname(),
                    hostHosts(host), ResolvConf.forHostNetwork(hostText, host.dns(), host.dnsSearch(), host.dnsOptions()));
            case NetMode.Shared s -> shared(c, s);
            case NetMode.None n -> {
                Sandbox sb = networks.start(c.id(), new NetworkService.StartRequest(c.name(), List.of()));
                yield joined(c, sb, hostText);
            }
            case NetMode.Network n -> {
                networks.get(n.name()); // removed since the create: Docker's "network x not found"
                var ports = PortRequest.of(host.portBindings(), host.publishAllPorts(), exposed(c));
                Sandbox sb = networks.start(c.id(), new NetworkService.StartRequest(c.name(), ports));
                yield joined(c, sb, hostText);
            }
        };
    }

    private NetworkSetup joined(Container c, Sandbox sb, String hostText) {
        HostConfig host = c.hostConfig();
        String gateway = networks.hostGateway().map(Ipv4::toString).orElse("");
        String own = sb.endpoints().isEmpty() ? "" : sb.endpoints().getFirst().address().toString();
        String hosts = HostsFile.render(host.extraHosts(), gateway, own, names(c.config()));
        // on a user network the network's DNS server answers (container names first, then the host's resolvers)
        String resolv = networks.dnsServerFor(sb)
                .map(dns -> ResolvConf.forUserNetwork(hostText, dns, host.dnsSearch(), host.dnsOptions()))
                .orElseGet(() -> ResolvConf.forContainer(hostText, host.dns(), host.dnsSearch(), host.dnsOptions()));
        return new NetworkSetup(new BundleSpec.NetworkMode.Joined(sb.netnsPath()), c.config().hostname(), hosts, resolv);
    }

    /** container:X: X's namespace, X's hostname and /etc files, as Docker gives them. */
    private NetworkSetup shared(Container c, NetMode.Shared s) {
        Container target = index.get(s.container());
        if (!target.isActive())
            throw BerthException.conflict("cannot join network of a non running container: " + target.id());
        NetMode targetMode = NetMode.of(target.hostConfig().networkMode());
        BundleSpec.NetworkMode ns = switch (targetMode) {
            case NetMode.Host h -> BundleSpec.NetworkMode.HOST;
            default -> networks.sandbox(target.id()).map(sb -> (BundleSpec.NetworkMode) new BundleSpec.NetworkMode.Joined(sb.netnsPath()))
                    .orElseThrow(() -> BerthException.conflict("container " + target.id() + " has no network namespace to join"));
        };
        return new NetworkSetup(ns, target.config().hostname(), read(paths.hosts(target.id())),
                read(paths.resolvConf(target.id())));
    }

    private static String hostHosts(HostConfig host) {
        StringBuilder s = new StringBuilder(read(Path.of("/etc/hosts")));
        if (s.length() > 0 && s.charAt(s.length() - 1) != '\n') s.append('\n');
        for (String entry : host.extraHosts()) {
            String[] hostAndIp = HostsFile.parseExtraHost(entry);
            s.append(hostAndIp[1]).append('\t').append(hostAndIp[0]).append('\n');
        }
        return s.toString();
    }

    /** The container's names in /etc/hosts: "host.domain host", or just the hostname. */
    private static List<String> names(ContainerConfig cfg) {
        String domain = cfg.domainname() == null ? "" : cfg.domainname();
        return domain.isEmpty() ? List.of(cfg.hostname()) : List.of(cfg.hostname() + "." + domain, cfg.hostname());
    }

    /** Exposed ports: the image's and the client's (Config.ExposedPorts), and every port bound. */
    static List<String> exposed(Container c) {
        List<String> ports = new ArrayList<>();
        if (c.config().exposedPorts() != null) ports.addAll(c.config().exposedPorts().keySet());
        ports.addAll(c.hostConfig().portBindings().keySet());
        return ports.stream().distinct().toList();
    }

    /** The container's network is no longer needed (it exited, or its start failed). */
    void down(String id) {
        networks.release(id);
    }

    /** The container is removed. */
    void forget(String id) {
        networks.forget(id);
    }

    void reconcile(Set<String> running, Set<String> known) {
        networks.reconcile(running, known);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
