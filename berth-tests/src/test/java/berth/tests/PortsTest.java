package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Published ports: DNAT from the host's loopback and other addresses and from containers, Docker's reports. */
@ExtendWith(BerthExtension.class)
class PortsTest {

    private static String httpd(DockerClient client, String name, HostConfig host, ExposedPort... exposed) {
        var id = client.createContainerCmd(IMAGE).withName(name).withCmd(Net.HTTPD).withExposedPorts(exposed)
                .withHostConfig(host).exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    /** A port nobody uses now (bound and let go at once). */
    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPublishedPortIsReachableFromEverywhereDockerPromises(BerthDaemon daemon) throws Exception {
        var client = daemon.client();
        int port = freePort();
        var tcp80 = ExposedPort.tcp(80);
        var id = httpd(client, uniqueName("web"),
                HostConfig.newHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindPort(port), tcp80)), tcp80);
        String hostname = id.substring(0, 12);

        assertThat(Net.awaitHttp("127.0.0.1", port)).isEqualTo("hello-" + hostname);
        assertThat(Net.httpGet(daemon.gateway(), port)).isEqualTo("hello-" + hostname);
        var other = Net.otherHostAddress();
        if (other.isPresent()) assertThat(Net.httpGet(other.get(), port)).isEqualTo("hello-" + hostname);
        // another container, through the host's address; and the container itself (hairpin)
        var client2 = run(client, uniqueName("client"), "sleep", "300");
        String via = other.orElse(daemon.gateway());
        assertThat(Net.exec(client, client2, "wget", "-O-", "http://" + via + ":" + port + "/")).isEqualTo("hello-" + hostname + "\n");
        assertThat(Net.exec(client, id, "wget", "-O-", "http://" + via + ":" + port + "/")).isEqualTo("hello-" + hostname + "\n");

        var ports = client.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings();
        assertThat(ports.get(tcp80)).extracting(Ports.Binding::getHostIp, Ports.Binding::getHostPortSpec)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0.0.0.0", Integer.toString(port)));
        var row = client.listContainersCmd().withIdFilter(List.of(id)).exec().getFirst();
        assertThat(row.getPorts()).hasSize(1);
        assertThat(row.getPorts()[0].getPublicPort()).isEqualTo(port);
        assertThat(row.getPorts()[0].getPrivatePort()).isEqualTo(80);
        assertThat(row.getPorts()[0].getIp()).isEqualTo("0.0.0.0");

        client.removeContainerCmd(id).withForce(true).exec();
        client.removeContainerCmd(client2).withForce(true).exec();
        assertThat(Net.httpGet("127.0.0.1", port)).isEmpty();
        assertThat(Net.publishedRules(daemon.bridge())).doesNotContain(" " + port + " :");
        try (var s = new ServerSocket(port)) {
            assertThat(s.isBound()).as("the host port is free again").isTrue();
        }
    }

    @Test
    void randomPortsRangesAddressesAndPublishAll(BerthDaemon daemon) throws Exception {
        var client = daemon.client();
        var tcp80 = ExposedPort.tcp(80);
        var udp53 = ExposedPort.udp(53);
        var tcp81 = ExposedPort.tcp(81);
        int from = freePort();
        var host = HostConfig.newHostConfig().withPublishAllPorts(true).withPortBindings(
                new PortBinding(Ports.Binding.bindIp("127.0.0.1"), tcp80),
                new PortBinding(Ports.Binding.bindPortRange(from, from + 5), tcp81));
        var id = httpd(client, uniqueName("random"), host, tcp80, udp53, tcp81);
        var bindings = client.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings();
        var web = bindings.get(tcp80)[0];
        assertThat(web.getHostIp()).isEqualTo("127.0.0.1");
        int random = Integer.parseInt(web.getHostPortSpec());
        assertThat(random).isBetween(1024, 65535);
        assertThat(Net.awaitHttp("127.0.0.1", random)).startsWith("hello-");
        assertThat(Integer.parseInt(bindings.get(tcp81)[0].getHostPortSpec())).isBetween(from, from + 5);
        assertThat(bindings.get(udp53)[0].getHostIp()).isEqualTo("0.0.0.0"); // -P: every exposed port
        assertThat(Net.publishedRules(daemon.bridge())).contains("127.0.0.1 . tcp . " + random + " : ")
                .contains("udp . " + bindings.get(udp53)[0].getHostPortSpec() + " : ");
        client.removeContainerCmd(id).withForce(true).exec();
    }

    @Test
    void aPortInUseFailsTheStartAndLeavesNothing(BerthDaemon daemon) throws Exception {
        var client = daemon.client();
        var tcp80 = ExposedPort.tcp(80);
        try (var busy = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = busy.getLocalPort();
            var id = client.createContainerCmd(IMAGE).withName(uniqueName("busy")).withCmd("sleep", "300")
                    .withHostConfig(HostConfig.newHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindPort(port), tcp80)))
                    .exec().getId();
            assertThatThrownBy(() -> client.startContainerCmd(id).exec()).isInstanceOf(DockerException.class)
                    .hasMessageContaining("driver failed programming external connectivity on endpoint")
                    .hasMessageContaining("failed to bind host port for 0.0.0.0:" + port)
                    .hasMessageContaining("address already in use");
            var state = state(client, id);
            assertThat(state.getRunning()).isFalse();
            assertThat(state.getError()).contains("address already in use");
            assertThat(Net.netnsFiles(daemon)).doesNotContain(id);
            assertThat(Net.publishedRules(daemon.bridge())).doesNotContain(" " + port + " :");
            client.removeContainerCmd(id).exec();
        }
    }

    @Test
    void aPortAnotherContainerHoldsIsAlreadyAllocated(BerthDaemon daemon) throws Exception {
        var client = daemon.client();
        var tcp80 = ExposedPort.tcp(80);
        int port = freePort();
        var bind = HostConfig.newHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindPort(port), tcp80));
        var first = httpd(client, uniqueName("first"), bind, tcp80);
        var second = client.createContainerCmd(IMAGE).withName(uniqueName("second")).withCmd("sleep", "300")
                .withHostConfig(bind).exec().getId();
        assertThatThrownBy(() -> client.startContainerCmd(second).exec())
                .hasMessageContaining("Bind for 0.0.0.0:" + port + " failed: port is already allocated");
        assertThat(state(client, second).getRunning()).isFalse();
        assertThat(Net.awaitHttp("127.0.0.1", port)).isEqualTo("hello-" + first.substring(0, 12));
        client.removeContainerCmd(first).withForce(true).exec();
        client.startContainerCmd(second).exec(); // free now
        assertThat(state(client, second).getRunning()).isTrue();
        client.removeContainerCmd(second).withForce(true).exec();
    }
}
