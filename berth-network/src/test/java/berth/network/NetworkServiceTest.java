package berth.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import berth.sys.NetOs;
import berth.sys.RecordingNetOs;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkServiceTest {
    private static final String A = "a".repeat(64), B = "b".repeat(64);
    @TempDir Path dir;
    private final RecordingNetOs os = new RecordingNetOs();
    private final RecordingFirewall firewall = new RecordingFirewall();
    private NetworkService net;

    private NetworkService open(String bip) {
        if (net != null) net.close();
        var config = new NetworkConfig(dir.resolve("network.db"), dir.resolve("netns"), "bt1", bip);
        net = new NetworkService(config, os, firewall, Runnable::run).init();
        return net;
    }

    @AfterEach
    void close() {
        if (net != null) net.close();
    }

    @Test
    void predefinedNetworksAndTheBridgeWithForwarding() {
        open("10.44.0.1/24");
        assertThat(net.list()).extracting(Network::name).containsExactlyInAnyOrder("bridge", "host", "none");
        Network bridge = net.get("bridge");
        assertThat(bridge.pool().subnet()).hasToString("10.44.0.0/24");
        assertThat(net.get(bridge.id().substring(0, 5)).name()).isEqualTo("bridge");
        assertThat(os.calls()).contains("bridge bt1 10.44.0.1/24", "sysctl net.ipv4.ip_forward=1",
                "sysctl net.ipv4.conf.bt1.route_localnet=1");
        assertThatThrownBy(() -> net.get("nope")).isInstanceOf(BerthException.NotFound.class).hasMessage("network nope not found");
        String id = bridge.id();
        assertThat(open("").get("bridge").id()).isEqualTo(id); // same ID and pool after a restart
        assertThat(net.get("bridge").pool().subnet()).hasToString("10.44.0.0/24");
    }

    @Test
    void defaultPoolAvoidsRoutesInUse() throws Exception {
        os.withRoute(new NetOs.Route("eth0", (Inet4Address) InetAddress.getByName("172.17.0.0"), 16));
        open("");
        assertThat(net.get("bridge").pool().subnet()).hasToString("172.18.0.0/16");
    }

    @Test
    void aStartMakesNamespaceVethAddressAndTheStopUndoesIt() {
        open("10.44.0.1/24");
        net.join(A, "bridge", new EndpointConfig(List.of(), "", ""));
        Sandbox s = net.start(A, new NetworkService.StartRequest("web", List.of()));
        Path ns = dir.resolve("netns").resolve(A);
        assertThat(s.netnsPath()).isEqualTo(ns);
        Endpoint e = s.endpoints().getFirst();
        assertThat(e.address()).hasToString("10.44.0.2");
        assertThat(e.mac()).isEqualTo("02:42:0a:2c:00:02");
        assertThat(os.calls()).contains("netns add " + ns, "veth " + e.veth() + " bt1 " + ns + " eth0 02:42:0a:2c:00:02",
                "configure " + ns + " eth0 10.44.0.2/24 via 10.44.0.1");
        assertThat(firewall.changes).isZero(); // no ports: nft is not run
        net.release(A);
        assertThat(os.namespaces()).isEmpty();
        assertThat(os.links()).containsOnlyKeys("bt1");
        assertThat(net.sandbox(A)).isEmpty();
    }

    @Test
    void noneGetsANamespaceWithoutEndpoints() {
        open("10.44.0.1/24");
        Sandbox s = net.start(B, new NetworkService.StartRequest("quiet", List.of()));
        assertThat(s.endpoints()).isEmpty();
        assertThat(os.calls()).noneMatch(c -> c.startsWith("veth"));
    }

    @Test
    void publishedPortsBecomeDnatsAndAClashLeavesNothing() throws IOException {
        open("10.44.0.1/24");
        net.join(A, "bridge", EndpointConfig.NONE);
        net.join(B, "bridge", EndpointConfig.NONE);
        var ports = List.of(new PortRequest(new PortKey(80, "tcp"), "127.0.0.1", 0, 0));
        Sandbox a = net.start(A, new NetworkService.StartRequest("a", ports));
        PublishedPort p = a.ports().getFirst();
        assertThat(p.hostPort()).isPositive();
        assertThat(firewall.last().dnats()).containsExactly(
                new Firewall.Dnat("127.0.0.1", "tcp", p.hostPort(), Ipv4.parse("10.44.0.2"), 80));
        var same = List.of(new PortRequest(new PortKey(81, "tcp"), "", p.hostPort(), p.hostPort()));
        assertThatThrownBy(() -> net.start(B, new NetworkService.StartRequest("b", same)))
                .hasMessageMatching("driver failed programming external connectivity on endpoint b \\([0-9a-f]{64}\\): "
                        + "Bind for 0.0.0.0:" + p.hostPort() + " failed: port is already allocated");
        assertThat(net.sandbox(B)).isEmpty();
        assertThat(os.namespaces()).containsExactly(dir.resolve("netns").resolve(A));
        assertThat(firewall.last().dnats()).hasSize(1);
        net.release(A);
        assertThat(firewall.last().dnats()).isEmpty();
        try (ServerSocket s = new ServerSocket(p.hostPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(s.isBound()).isTrue(); // the port is free again
        }
    }

    @Test
    void aPortAnotherProgramHoldsIsRefusedWithDockersMessage() throws IOException {
        open("10.44.0.1/24");
        net.join(A, "bridge", EndpointConfig.NONE);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var ports = List.of(new PortRequest(new PortKey(80, "tcp"), "127.0.0.1", busy.getLocalPort(), busy.getLocalPort()));
            assertThatThrownBy(() -> net.start(A, new NetworkService.StartRequest("a", ports)))
                    .hasMessageContaining("failed to bind host port for 127.0.0.1:" + busy.getLocalPort() + ":10.44.0.2:80/tcp: address already in use");
        }
        assertThat(os.namespaces()).isEmpty();
        assertThat(os.links()).containsOnlyKeys("bt1");
    }

    @Test
    void aRestartKeepsRunningSandboxesAndSweepsTheRest() throws IOException {
        open("10.44.0.1/24");
        net.join(A, "bridge", EndpointConfig.NONE);
        net.join(B, "bridge", EndpointConfig.NONE);
        Sandbox a = net.start(A, new NetworkService.StartRequest("a", List.of()));
        Sandbox b = net.start(B, new NetworkService.StartRequest("b", List.of()));
        Files.createFile(dir.resolve("netns").resolve("c".repeat(64))); // a leftover of a crash
        os.withLink("vethdead123", "bt1");
        open("");
        net.reconcile(Set.of(A), Set.of(A, B));
        assertThat(net.sandbox(A)).contains(a);
        assertThat(net.sandbox(B)).isEmpty();
        assertThat(os.links()).containsOnlyKeys("bt1", a.endpoints().getFirst().veth());
        assertThat(dir.resolve("netns").toFile().list()).containsExactly(A);
        // B's lease is free again, A's is kept
        Sandbox b2 = net.start(B, new NetworkService.StartRequest("b", List.of()));
        assertThat(b2.endpoints().getFirst().address()).isNotEqualTo(a.endpoints().getFirst().address());
        assertThat(b.endpoints().getFirst().address()).isNotNull();
        net.reconcile(Set.of(), Set.of());
        assertThat(net.joined(A)).isEmpty();
    }

    @Test
    void macAndIpRequestsAreValidated() {
        open("10.44.0.1/24");
        assertThatThrownBy(() -> net.join(A, "bridge", new EndpointConfig(List.of(), "", "zz")))
                .hasMessage("zz is not a valid mac address");
        assertThatThrownBy(() -> net.join(A, "bridge", new EndpointConfig(List.of(), "10.44.0.9", "")))
                .hasMessage("user specified IP address is supported on user defined networks only");
        assertThatThrownBy(() -> net.join(A, "host", EndpointConfig.NONE)).isInstanceOf(BerthException.InvalidArgument.class);
        net.join(A, "bridge", new EndpointConfig(List.of(), "", "92:d0:c6:0a:29:33"));
        assertThat(net.start(A, new NetworkService.StartRequest("a", List.of())).endpoints().getFirst().mac())
                .isEqualTo("92:d0:c6:0a:29:33");
        assertThat(net.joined(A)).hasSize(1).containsValue(new EndpointConfig(List.of(), "", "92:d0:c6:0a:29:33"));
        assertThat(Map.copyOf(net.endpointsOn(net.get("bridge").id()))).containsOnlyKeys(A);
    }

    @Test
    void userNetworksComeAndGoWithTheirBridges() {
        open("10.44.0.1/24");
        Network n = net.create(new NetworkService.CreateRequest("app", "", "10.45.0.0/24", "", "10.45.0.128/25", false,
                Map.of(), Map.of("team", "a")));
        assertThat(n.bridge()).isEqualTo("br-" + n.id().substring(0, 12));
        assertThat(os.calls()).contains("bridge " + n.bridge() + " 10.45.0.1/24");
        assertThat(firewall.last().bridges()).extracting(Firewall.Bridge::name).containsExactly("bt1", n.bridge());
        assertThatThrownBy(() -> net.create(new NetworkService.CreateRequest("app", "", "", "", "", false, Map.of(), Map.of())))
                .isInstanceOf(BerthException.Conflict.class).hasMessage("network with name app already exists");
        assertThatThrownBy(() -> net.create(new NetworkService.CreateRequest("x", "", "10.45.0.0/16", "", "", false, Map.of(), Map.of())))
                .isInstanceOf(BerthException.Forbidden.class);
        assertThatThrownBy(() -> net.create(new NetworkService.CreateRequest("x", "overlay", "", "", "", false, Map.of(), Map.of())))
                .isInstanceOf(BerthException.NotFound.class);

        net.join(A, "app", new EndpointConfig(List.of("db"), "", ""));
        Sandbox a = net.start(A, new NetworkService.StartRequest("alpha", List.of()));
        assertThat(a.endpoints().getFirst().address().toString()).startsWith("10.45.0.").isNotEqualTo("10.45.0.1");
        assertThat(Integer.parseInt(a.endpoints().getFirst().address().toString().substring(8))).isGreaterThanOrEqualTo(128);
        assertThat(a.endpoints().getFirst().dnsNames()).containsExactly("alpha", A.substring(0, 12), "db");
        assertThat(net.dns().lookup(n.id(), "DB.", Ipv4.parse("10.45.0.200"))).containsExactly(a.endpoints().getFirst().address());
        assertThatThrownBy(() -> net.remove("app")).isInstanceOf(BerthException.Forbidden.class).hasMessageContaining("active endpoints");
        assertThatThrownBy(() -> net.remove("bridge")).hasMessage("bridge is a pre-defined network and cannot be removed");

        net.release(A);
        net.remove("app");
        assertThat(os.links()).doesNotContainKey(n.bridge());
        assertThat(net.joined(A)).isEmpty();
        assertThat(firewall.last().bridges()).hasSize(1);
    }

    @Test
    void connectAndDisconnectARunningContainer() {
        open("10.44.0.1/24");
        Network n = net.create(new NetworkService.CreateRequest("app", "", "", "", "", false, Map.of(), Map.of()));
        net.join(A, "bridge", EndpointConfig.NONE);
        net.start(A, new NetworkService.StartRequest("alpha", List.of()));
        net.connect(A, "alpha", "app", new EndpointConfig(List.of("al"), "", ""));
        Sandbox s = net.sandbox(A).orElseThrow();
        assertThat(s.endpoints()).extracting(Endpoint::ifname).containsExactly("eth0", "eth1");
        assertThat(os.calls()).anyMatch(c -> c.startsWith("configure ") && c.contains(" eth1 ") && !c.contains(" via "));
        // a container on both networks is found from either: its own resolver asks the first network's server
        Ipv4 onBridge = s.endpoints().getFirst().address();
        assertThat(net.dns().lookup(n.id(), "al", onBridge)).containsExactly(s.endpoints().get(1).address());
        assertThatThrownBy(() -> net.connect(A, "alpha", "app", EndpointConfig.NONE)).isInstanceOf(BerthException.Forbidden.class);
        String veth = s.endpoints().get(1).veth();
        net.disconnect(A, "app");
        assertThat(net.sandbox(A).orElseThrow().endpoints()).hasSize(1);
        assertThat(os.links()).doesNotContainKey(veth);
        assertThatThrownBy(() -> net.disconnect(A, "app")).hasMessageContaining("is not connected to network app");
        assertThat(net.prune(x -> true)).containsExactly("app");
    }
}
