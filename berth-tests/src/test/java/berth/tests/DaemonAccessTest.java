package berth.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.command.WaitContainerResultCallback;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daemon's own protections, with docker-java as the client: the socket's owner and mode, and a TCP
 * listener that speaks only TLS and only to clients whose certificate the CA signed. Certificates are made
 * with openssl by tests/lib/certs.sh; the daemon listens on a free loopback port.
 */
class DaemonAccessTest {
    private static BerthDaemon daemon;
    private static Path certs;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        certs = Files.createTempDirectory("berth-certs.");
        var script = Checkout.find().daemonScript().getParent().resolve("certs.sh");
        Shell.run(List.of("bash", "-c", "source \"$0\"; berth_make_certs \"$1\"", script.toString(), certs.toString()));
        try (var probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        daemon = BerthDaemon.startWith(List.of("-H", "tcp://127.0.0.1:" + port, "--tlsverify",
                "--tlscacert", certs.resolve("ca.pem").toString(),
                "--tlscert", certs.resolve("server-cert.pem").toString(),
                "--tlskey", certs.resolve("server-key.pem").toString()));
    }

    @AfterAll
    static void stop() throws IOException {
        if (daemon != null) daemon.close();
        Shell.run(List.of("rm", "-rf", certs.toString()));
    }

    /** docker-java over TLS with the certificates in {@code dir} (ca.pem, cert.pem, key.pem, as docker's). */
    private static DockerClient tlsClient(Path dir) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("tcp://127.0.0.1:" + port)
                .withDockerTlsVerify(true)
                .withDockerCertPath(dir.toString())
                .withApiVersion("1.41")
                .build();
        var http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    private static String stackTrace(Throwable e) {
        var out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @Test
    void theSocketIsRootsAndTheBerthGroupsOnly() throws IOException {
        var attrs = Files.readAttributes(daemon.socket(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(attrs.isOther()).isTrue(); // a socket
        assertThat(attrs.owner().getName()).isEqualTo("root");
        boolean berthGroup = Shell.run(List.of("getent", "group")).lines().anyMatch(l -> l.startsWith("berth:"));
        assertThat(attrs.group().getName()).isEqualTo(berthGroup ? "berth" : "root");
        assertThat(PosixFilePermissions.toString(attrs.permissions())).isEqualTo("rw-rw----");
    }

    @Test
    void aClientWithACertificateOfTheCaRunsContainers() throws Exception {
        try (var client = tlsClient(certs)) {
            client.pingCmd().exec();
            assertThat(client.versionCmd().exec().getApiVersion()).startsWith("1.");
            var id = client.createContainerCmd("busybox:latest").withCmd("sh", "-c", "exit 3")
                    .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none"))
                    .exec().getId();
            client.startContainerCmd(id).exec();
            int code = client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(60, TimeUnit.SECONDS);
            assertThat(code).isEqualTo(3);
            client.removeContainerCmd(id).exec();
        }
    }

    @Test
    void aClientWithoutACertificateOfTheCaIsRefused() throws IOException {
        // another CA's client certificate, and the daemon trusted through our CA
        Path stranger = Files.createTempDirectory(certs, "stranger");
        Files.copy(certs.resolve("ca.pem"), stranger.resolve("ca.pem"));
        Files.copy(certs.resolve("other/cert.pem"), stranger.resolve("cert.pem"));
        Files.copy(certs.resolve("other/key.pem"), stranger.resolve("key.pem"));
        try (var client = tlsClient(stranger)) {
            // TLS 1.3: the refusal shows as the daemon's alert, or as the connection it closed under our request
            assertThatThrownBy(() -> client.pingCmd().exec()).satisfies(e -> assertThat(stackTrace(e))
                    .containsAnyOf("SSL", "certificate", "Connection reset", "Broken pipe"));
        }
    }
}
