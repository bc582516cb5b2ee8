package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default bridge: an address from the daemon's subnet, its gateway, /etc files, neighbours, NAT. */
@ExtendWith(BerthExtension.class)
class BridgeNetworkTest {

    @Test
    void aContainerGetsAnAddressOnTheBridgeAsDockerReportsIt(BerthDaemon daemon) {
        var client = daemon.client();
        var id = run(client, uniqueName("addr"), "sleep", "300");
        var settings = client.inspectContainerCmd(id).exec().getNetworkSettings();
        String prefix = daemon.gateway().substring(0, daemon.gateway().lastIndexOf('.') + 1);
        assertThat(settings.getIpAddress()).startsWith(prefix);
        assertThat(settings.getGateway()).isEqualTo(daemon.gateway());
        assertThat(settings.getIpPrefixLen()).isEqualTo(24);
        assertThat(settings.getMacAddress()).startsWith("02:42:");
        assertThat(settings.getSandboxKey()).isEqualTo(daemon.execRoot().resolve("netns").resolve(id).toString());
        var bridge = settings.getNetworks().get("bridge");
        assertThat(bridge.getIpAddress()).isEqualTo(settings.getIpAddress());
        assertThat(bridge.getEndpointId()).matches("[0-9a-f]{64}");
        assertThat(bridge.getNetworkID()).isEqualTo(client.inspectNetworkCmd().withNetworkId("bridge").exec().getId());

        assertThat(Net.exec(client, id, "ip", "-o", "-4", "addr", "show", "eth0")).contains(settings.getIpAddress() + "/24");
        assertThat(Net.exec(client, id, "ip", "route")).contains("default via " + daemon.gateway() + " dev eth0");
        assertThat(Net.exec(client, id, "cat", "/etc/hosts")).contains(settings.getIpAddress() + "\t" + id.substring(0, 12));
        assertThat(Net.exec(client, id, "cat", "/etc/resolv.conf")).contains("nameserver").doesNotContain("nameserver 127.");
        assertThat(Net.exec(client, id, "ping", "-c", "1", "-W", "2", daemon.gateway())).contains("1 packets received");
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void twoContainersReachEachOther(DockerClient client) {
        var a = run(client, uniqueName("ping-a"), "sleep", "300");
        var b = run(client, uniqueName("ping-b"), "sleep", "300");
        var ipA = client.inspectContainerCmd(a).exec().getNetworkSettings().getIpAddress();
        var ipB = client.inspectContainerCmd(b).exec().getNetworkSettings().getIpAddress();
        assertThat(ipA).isNotEqualTo(ipB);
        assertThat(Net.exec(client, a, "ping", "-c", "1", "-W", "2", ipB)).contains("1 packets received");
        assertThat(Net.exec(client, b, "ping", "-c", "1", "-W", "2", ipA)).contains("1 packets received");
        client.removeContainerCmd(a).withForce(true).exec();
        client.removeContainerCmd(b).withForce(true).exec();
    }

    @Test
    void networksAreListedAndInspectedWithTheirContainers(BerthDaemon daemon) {
        var client = daemon.client();
        var names = client.listNetworksCmd().exec().stream().map(Network::getName).toList();
        assertThat(names).contains("bridge", "host", "none");
        var id = run(client, uniqueName("listed"), "sleep", "300");
        Network bridge = client.inspectNetworkCmd().withNetworkId("bridge").exec();
        assertThat(bridge.getDriver()).isEqualTo("bridge");
        assertThat(bridge.getScope()).isEqualTo("local");
        assertThat(bridge.getIpam().getConfig().getFirst().getGateway()).isEqualTo(daemon.gateway());
        assertThat(bridge.getIpam().getConfig().getFirst().getSubnet()).endsWith(".0/24");
        assertThat(bridge.getOptions()).containsEntry("com.docker.network.bridge.name", daemon.bridge());
        var attached = bridge.getContainers().get(id);
        assertThat(attached.getIpv4Address())
                .isEqualTo(client.inspectContainerCmd(id).exec().getNetworkSettings().getIpAddress() + "/24");
        assertThat(client.inspectNetworkCmd().withNetworkId(bridge.getId().substring(0, 6)).exec().getName()).isEqualTo("bridge");
        assertThat(client.listNetworksCmd().withFilter("driver", java.util.List.of("null")).exec())
                .extracting(Network::getName).containsExactly("none");
        assertThatThrownBy(() -> client.inspectNetworkCmd().withNetworkId("nope").exec())
                .isInstanceOf(NotFoundException.class).hasMessageContaining("network nope not found");
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void aStoppedContainerHoldsNoAddressNamespaceOrVeth(BerthDaemon daemon) throws Exception {
        var client = daemon.client();
        var id = run(client, uniqueName("stopped"), "sleep", "300");
        assertThat(Net.netnsFiles(daemon)).contains(id);
        client.stopContainerCmd(id).withTimeout(1).exec();
        var settings = client.inspectContainerCmd(id).exec().getNetworkSettings();
        assertThat(settings.getIpAddress()).isEmpty();
        assertThat(settings.getNetworks().get("bridge").getNetworkID()).isNotEmpty();
        assertThat(Net.netnsFiles(daemon)).doesNotContain(id);
        client.startContainerCmd(id).exec();
        assertThat(client.inspectContainerCmd(id).exec().getNetworkSettings().getIpAddress()).isNotEmpty();
        client.removeContainerCmd(id).withForce(true).exec();
        assertThat(Net.netnsFiles(daemon)).doesNotContain(id);
    }

    /** The one request of the test suite to the world outside: the Debian mirror, through NAT. */
    @Test
    void reachesTheDebianMirrorThroughNat(DockerClient client) {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("nat"))
                .withCmd("sh", "-c", "wget -q -O /dev/null http://deb.debian.org/debian/ && echo reached").exec().getId();
        client.startContainerCmd(id).exec();
        assertThat(waitExit(client, id)).isZero();
        assertThat(Frames.logs(client, id).stdout()).isEqualTo("reached\n");
        client.removeContainerCmd(id).exec();
    }
}
