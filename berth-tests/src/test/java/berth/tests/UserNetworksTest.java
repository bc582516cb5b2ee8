package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PruneType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User networks: create/inspect/remove/prune, names through the network's DNS server, connect/disconnect, isolation. */
@ExtendWith(BerthExtension.class)
class UserNetworksTest {

    /** A /24 of its own for each network a test makes (10.250-253.x.0), so they never overlap. */
    private static String subnet() {
        var r = ThreadLocalRandom.current();
        return "10." + (250 + r.nextInt(4)) + "." + r.nextInt(256) + ".0/24";
    }

    private static String network(DockerClient client, String name, boolean internal) {
        return client.createNetworkCmd().withName(name).withDriver("bridge").withInternal(internal)
                .withLabels(Map.of("test", "berth"))
                .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet()))).exec().getId();
    }

    private static String runOn(DockerClient client, String network, String name, String... aliases) {
        var id = client.createContainerCmd(IMAGE).withName(name).withCmd("sleep", "300").withAliases(aliases)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network)).exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    @Test
    void createInspectAndRemove(DockerClient client) {
        var name = uniqueName("net");
        var id = network(client, name, false);
        Network n = client.inspectNetworkCmd().withNetworkId(name).exec();
        assertThat(n.getId()).isEqualTo(id);
        assertThat(n.getDriver()).isEqualTo("bridge");
        assertThat(n.getLabels()).containsEntry("test", "berth");
        var pool = n.getIpam().getConfig().getFirst();
        assertThat(pool.getGateway()).isEqualTo(pool.getSubnet().replace(".0/24", ".1"));
        assertThat(Files.exists(Path.of("/sys/class/net/br-" + id.substring(0, 12)))).isTrue();
        assertThatThrownBy(() -> network(client, name, false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("network with name " + name + " already exists");
        assertThat(client.listNetworksCmd().withFilter("type", List.of("custom")).exec()).extracting(Network::getName).contains(name);
        client.removeNetworkCmd(name).exec();
        assertThat(Files.exists(Path.of("/sys/class/net/br-" + id.substring(0, 12)))).isFalse();
        assertThatThrownBy(() -> client.removeNetworkCmd("bridge").exec()).isInstanceOf(DockerException.class)
                .hasMessageContaining("bridge is a pre-defined network and cannot be removed");
    }

    @Test
    void containersFindEachOtherByNameAliasAndShortId(DockerClient client) {
        var net = uniqueName("dns");
        network(client, net, false);
        var dbName = uniqueName("db");
        var db = runOn(client, net, dbName, "database");
        var app = runOn(client, net, uniqueName("app"));
        var dbIp = client.inspectContainerCmd(db).exec().getNetworkSettings().getNetworks().get(net).getIpAddress();
        var gateway = client.inspectNetworkCmd().withNetworkId(net).exec().getIpam().getConfig().getFirst().getGateway();
        assertThat(Net.exec(client, app, "cat", "/etc/resolv.conf")).contains("nameserver " + gateway);
        for (String name : List.of(dbName, "database", db.substring(0, 12), dbName.toUpperCase())) {
            assertThat(Net.exec(client, app, "nslookup", name)).as(name).contains("Address: " + dbIp);
        }
        assertThat(Net.exec(client, app, "ping", "-c", "1", "-W", "2", "database")).contains("1 packets received");
        assertThat(Net.exec(client, app, "sh", "-c", "nslookup nosuchname.invalid >/dev/null 2>&1 || echo unknown")).contains("unknown");
        var settings = client.inspectContainerCmd(db).exec().getNetworkSettings().getNetworks().get(net);
        assertThat(settings.getAliases()).containsExactly("database");
        for (var id : List.of(db, app)) client.removeContainerCmd(id).withForce(true).exec();
        client.removeNetworkCmd(net).exec();
    }

    @Test
    void networksAreIsolatedAndConnectJoinsThem(DockerClient client) {
        var red = uniqueName("red");
        var blue = uniqueName("blue");
        network(client, red, false);
        network(client, blue, false);
        var r = runOn(client, red, uniqueName("r"));
        var b = runOn(client, blue, uniqueName("b"));
        var rIp = client.inspectContainerCmd(r).exec().getNetworkSettings().getNetworks().get(red).getIpAddress();
        assertThat(Net.exec(client, b, "ping", "-c", "1", "-W", "1", rIp)).doesNotContain("1 packets received");

        client.connectToNetworkCmd().withNetworkId(red).withContainerId(b)
                .withContainerNetwork(new ContainerNetwork().withAliases("bee")).exec();
        assertThat(Net.exec(client, b, "ip", "-o", "link")).contains("eth1");
        assertThat(Net.exec(client, b, "ping", "-c", "1", "-W", "2", rIp)).contains("1 packets received");
        assertThat(Net.exec(client, r, "nslookup", "bee")).contains("Address: ");
        assertThatThrownBy(() -> client.removeNetworkCmd(red).exec()).isInstanceOf(DockerException.class)
                .hasMessageContaining("has active endpoints");

        client.disconnectFromNetworkCmd().withNetworkId(red).withContainerId(b).exec();
        assertThat(Net.exec(client, b, "ip", "-o", "link")).doesNotContain("eth1");
        assertThat(client.inspectContainerCmd(b).exec().getNetworkSettings().getNetworks()).containsOnlyKeys(blue);
        for (var id : List.of(r, b)) client.removeContainerCmd(id).withForce(true).exec();
        assertThat(client.pruneCmd(PruneType.NETWORKS).withLabelFilter("test=berth").exec()).isNotNull();
        assertThat(client.listNetworksCmd().exec()).extracting(Network::getName).doesNotContain(red, blue);
    }

    @Test
    void aFixedAddressAndAnInternalNetwork(BerthDaemon daemon) {
        var client = daemon.client();
        var net = uniqueName("internal");
        network(client, net, true);
        var pool = client.inspectNetworkCmd().withNetworkId(net).exec().getIpam().getConfig().getFirst();
        var fixed = pool.getSubnet().replace(".0/24", ".77");
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("fixed")).withCmd("sleep", "300").withIpv4Address(fixed)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(net)).exec().getId();
        client.startContainerCmd(id).exec();
        assertThat(Net.exec(client, id, "ip", "-o", "-4", "addr", "show", "eth0")).contains(fixed + "/24");
        // no way out: not even to a container on the default bridge
        var outside = run(client, uniqueName("outside"), "sleep", "300");
        var outsideIp = client.inspectContainerCmd(outside).exec().getNetworkSettings().getIpAddress();
        assertThat(Net.exec(client, id, "ping", "-c", "1", "-W", "1", outsideIp)).doesNotContain("1 packets received");
        assertThat(Net.publishedRules(daemon.bridge())).contains("iifname \"br-");
        for (var c : List.of(id, outside)) client.removeContainerCmd(c).withForce(true).exec();
        client.removeNetworkCmd(net).exec();
    }
}
