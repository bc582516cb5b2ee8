package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --network none, host and container:X; --dns*, --add-host, --hostname, --mac-address. */
@ExtendWith(BerthExtension.class)
class NetworkModesTest {

    private static String runWith(DockerClient client, HostConfig host, String... cmd) {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("mode")).withCmd(cmd).withHostConfig(host).exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    @Test
    void noneHasOnlyLoopbackAndItIsUp(DockerClient client) {
        var id = runWith(client, HostConfig.newHostConfig().withNetworkMode("none"), "sleep", "300");
        String links = Net.exec(client, id, "ip", "-o", "link");
        assertThat(links.lines()).hasSize(1);
        assertThat(links).contains("lo:").contains("UP");
        assertThat(Net.exec(client, id, "ping", "-c", "1", "-W", "1", "127.0.0.1")).contains("1 packets received");
        var settings = client.inspectContainerCmd(id).exec().getNetworkSettings();
        assertThat(settings.getIpAddress()).isEmpty();
        assertThat(settings.getNetworks()).containsOnlyKeys("none");
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void hostSharesTheHostsInterfaces(BerthDaemon daemon) {
        var client = daemon.client();
        var id = runWith(client, HostConfig.newHostConfig().withNetworkMode("host"), "sleep", "300");
        // the daemon's bridge lives in the host's namespace only
        // (grep, not the whole file: /proc/net/dev reads torn while other tests add and remove veths)
        assertThat(Net.exec(client, id, "sh", "-c", "grep -q '" + daemon.bridge() + ":' /proc/net/dev && echo seen")).isEqualTo("seen\n");
        assertThat(client.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks()).containsOnlyKeys("host");
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void containerModeJoinsAnothersNamespace(DockerClient client) {
        // the owner serves one line on its loopback; the joiner reads it there
        var owner = run(client, uniqueName("owner"), "sh", "-c", "echo shared | nc -l -p 9999; sleep 300");
        var ip = client.inspectContainerCmd(owner).exec().getNetworkSettings().getIpAddress();
        var joiner = runWith(client, HostConfig.newHostConfig().withNetworkMode("container:" + owner), "sleep", "300");
        assertThat(Net.exec(client, joiner, "ip", "-o", "-4", "addr", "show", "eth0")).contains(ip + "/24");
        assertThat(Net.exec(client, joiner, "hostname").strip()).isEqualTo(owner.substring(0, 12));
        assertThat(client.inspectContainerCmd(joiner).exec().getNetworkSettings().getNetworks()).isEmpty();
        assertThat(Net.exec(client, joiner, "sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do nc 127.0.0.1 9999 && break; sleep 0.2; done"))
                .isEqualTo("shared\n");
        client.removeContainerCmd(joiner).withForce(true).exec();
        client.removeContainerCmd(owner).withForce(true).exec();
    }

    @Test
    void containerModeRefusesWhatDockerRefuses(DockerClient client) {
        var stopped = client.createContainerCmd(IMAGE).withName(uniqueName("stopped")).withCmd("true").exec().getId();
        var joiner = client.createContainerCmd(IMAGE).withName(uniqueName("joiner")).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + stopped)).exec().getId();
        assertThatThrownBy(() -> client.startContainerCmd(joiner).exec()).isInstanceOf(ConflictException.class)
                .hasMessageContaining("cannot join network of a non running container: " + stopped);
        assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withHostName("h").withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + stopped)).exec())
                .isInstanceOf(BadRequestException.class).hasMessageContaining("conflicting options: hostname and the network mode");
        assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("nonet")).exec())
                .hasMessageContaining("network nonet not found");
        client.removeContainerCmd(joiner).exec();
        client.removeContainerCmd(stopped).exec();
    }

    @Test
    void dnsHostsHostnameAndMacOptions(BerthDaemon daemon) {
        var client = daemon.client();
        var host = HostConfig.newHostConfig().withDns("192.0.2.53").withDnsSearch("example.com")
                .withDnsOptions(List.of("ndots:3")).withExtraHosts("db:10.1.2.3", "gw:host-gateway");
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("dns")).withHostName("myhost")
                .withMacAddress("92:d0:c6:0a:29:33").withCmd("sleep", "300").withHostConfig(host).exec().getId();
        client.startContainerCmd(id).exec();
        assertThat(Net.exec(client, id, "cat", "/etc/resolv.conf"))
                .isEqualTo("nameserver 192.0.2.53\nsearch example.com\noptions ndots:3\n");
        String hosts = Net.exec(client, id, "cat", "/etc/hosts");
        var ip = client.inspectContainerCmd(id).exec().getNetworkSettings().getIpAddress();
        assertThat(hosts).contains("10.1.2.3\tdb\n", daemon.gateway() + "\tgw\n", ip + "\tmyhost\n");
        assertThat(Net.exec(client, id, "hostname").strip()).isEqualTo("myhost");
        assertThat(Net.exec(client, id, "cat", "/sys/class/net/eth0/address").strip()).isEqualTo("92:d0:c6:0a:29:33");
        assertThat(client.inspectContainerCmd(id).exec().getNetworkSettings().getMacAddress()).isEqualTo("92:d0:c6:0a:29:33");
        client.removeContainerCmd(id).withForce(true).exec();
        assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withExtraHosts("nocolon")).exec())
                .isInstanceOf(BadRequestException.class).hasMessageContaining("bad format for add-host");
    }
}
