package berth.tests;

import com.github.dockerjava.api.DockerClient;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Network helpers: commands in containers, HTTP from the host, what the kernel and nft hold. */
final class Net {

    /** busybox httpd answering "hello-NAME" on port 80. */
    static final String[] HTTPD = {"sh", "-c", "mkdir -p /www && echo hello-$HOSTNAME > /www/index.html && exec httpd -f -p 80 -h /www"};

    private Net() {}

    /** Runs a command in a running container; its stdout. */
    static String exec(DockerClient client, String id, String... cmd) {
        var exec = client.execCreateCmd(id).withAttachStdout(true).withAttachStderr(true).withCmd(cmd).exec().getId();
        return client.execStartCmd(exec).exec(new Frames()).await().stdout();
    }

    /** GET / over plain HTTP/1.0 from the host; the body, or "" when nothing answers in 5 s. */
    static String httpGet(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            var response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls an HTTP server until it answers (httpd starts a moment after the container). */
    static String awaitHttp(String host, int port) {
        String body = "";
        var deadline = Instant.now().plusSeconds(10);
        while (body.isEmpty() && Instant.now().isBefore(deadline)) {
            body = httpGet(host, port);
            if (body.isEmpty()) BerthDaemon.sleep(Duration.ofMillis(100));
        }
        return body;
    }

    /** An IPv4 address of this host that is not loopback and not one of berth's bridges: its "other" address. */
    static Optional<String> otherHostAddress() throws IOException {
        for (var nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback() || nic.getName().startsWith("bt") || nic.getName().startsWith("veth")
                    || nic.getName().startsWith("berth")) continue;
            var v4 = nic.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst();
            if (v4.isPresent()) return Optional.of(v4.get().getHostAddress());
        }
        return Optional.empty();
    }

    /** The links enslaved to the bridge (veth host ends). */
    static List<String> vethsOn(String bridge) {
        return Shell.run(List.of("ip", "-o", "link", "show", "master", bridge)).lines()
                .map(l -> l.split(": ")[1].split("@")[0]).toList();
    }

    /** The nft table's published-port map elements, as nft prints them. */
    static String publishedRules(String bridge) {
        return Shell.run(List.of("nft", "list", "table", "ip", "berth-" + bridge));
    }

    static List<String> netnsFiles(BerthDaemon daemon) throws IOException {
        var dir = daemon.execRoot().resolve("netns");
        if (!Files.isDirectory(dir)) return List.of();
        try (var files = Files.list(dir)) {
            return files.map(Path::getFileName).map(Path::toString).toList();
        }
    }

    /** Polls until the condition holds (the kernel deletes a veth a moment after its namespace goes). */
    static boolean eventually(BooleanSupplier condition) {
        var deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) return true;
            BerthDaemon.sleep(Duration.ofMillis(100));
        }
        return condition.getAsBoolean();
    }
}
