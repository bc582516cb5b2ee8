package berth.tests;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing leaks: veths, namespaces, leases, rules. Across a kill -9 and a restart, a running container keeps
 * its address, port and reachability; one that ended meanwhile is swept. After the daemon's cleanup, its
 * bridge and nft table are gone too.
 */
class NetworkLeakTest {

    @Test
    void nothingLeaksAcrossStopsRemovesACrashAndTheCleanup() throws Exception {
        String bridge;
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            bridge = daemon.bridge();
            assertThat(Net.vethsOn(bridge)).isEmpty();
            assertThat(tables()).contains("berth-" + bridge);

            int port;
            try (var s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            var tcp80 = ExposedPort.tcp(80);
            var web = client.createContainerCmd(IMAGE).withName(uniqueName("web")).withCmd(Net.HTTPD)
                    .withExposedPorts(tcp80)
                    .withHostConfig(HostConfig.newHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindPort(port), tcp80)))
                    .exec().getId();
            client.startContainerCmd(web).exec();
            var shortLived = run(client, uniqueName("short"), "sleep", "3");
            var none = client.createContainerCmd(IMAGE).withName(uniqueName("none")).withCmd("sleep", "300")
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
            client.startContainerCmd(none).exec();
            var webIp = client.inspectContainerCmd(web).exec().getNetworkSettings().getIpAddress();
            assertThat(Net.awaitHttp("127.0.0.1", port)).startsWith("hello-");
            assertThat(Net.vethsOn(bridge)).hasSize(2);
            assertThat(Net.netnsFiles(daemon)).containsExactlyInAnyOrder(web, shortLived, none);

            daemon.kill9();
            BerthDaemon.sleep(Duration.ofSeconds(4)); // the short-lived container ends while berthd is down
            assertThat(Net.httpGet("127.0.0.1", port)).as("published ports work without the daemon").startsWith("hello-");
            daemon.restart();
            client = daemon.client();

            assertThat(client.inspectContainerCmd(web).exec().getNetworkSettings().getIpAddress()).isEqualTo(webIp);
            assertThat(Net.httpGet("127.0.0.1", port)).startsWith("hello-");
            assertThat(state(client, shortLived).getRunning()).isFalse();
            assertThat(Net.netnsFiles(daemon)).containsExactlyInAnyOrder(web, none);
            assertThat(Net.eventually(() -> Net.vethsOn(bridge).size() == 1)).as("the dead container's veth").isTrue();
            try (var s = new ServerSocket(port)) {
                throw new AssertionError("the restarted daemon must hold port " + port + " again");
            } catch (IOException expected) {
                // held
            }
            // a new container does not get the address the running one kept
            var next = run(client, uniqueName("next"), "sleep", "300");
            assertThat(client.inspectContainerCmd(next).exec().getNetworkSettings().getIpAddress()).isNotEqualTo(webIp);

            for (var id : List.of(web, shortLived, none, next)) client.removeContainerCmd(id).withForce(true).exec();
            assertThat(Net.netnsFiles(daemon)).isEmpty();
            assertThat(Net.eventually(() -> Net.vethsOn(bridge).isEmpty())).as("veths left: " + Net.vethsOn(bridge)).isTrue();
            assertThat(Net.publishedRules(bridge)).doesNotContain("elements");
            assertThat(mountsUnder(daemon.execRoot())).isEmpty();
        }
        assertThat(Files.exists(Path.of("/sys/class/net", bridge))).as("bridge removed by the cleanup").isFalse();
        assertThat(tables()).doesNotContain("berth-" + bridge);
    }

    private static String tables() {
        return Shell.run(List.of("nft", "list", "tables"));
    }

    private static List<String> mountsUnder(Path dir) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(dir.resolve("netns").toString())).toList();
    }
}
