package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real berthd (bin/berthd) as a separate process with private data and exec roots, socket,
 * cgroup parent, bridge and subnet, so it never touches another instance. {@link #kill9()} and
 * {@link #restart()} keep the roots, as a crash and a restart by systemd would.
 * {@link #close()} stops it and removes what it left, using the same rules as tests/lib/daemon.sh.
 */
final class BerthDaemon implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Old enough for every client in the wild, new enough for everything tested here. */
    private static final String API_VERSION = "1.41";

    private final Checkout checkout;
    private final Path tmp;
    private final String cgroupParent;
    private final String bridge;
    private final String bip;
    private Process process;
    private DockerHttpClient http;
    private DockerClient client;
    private List<String> extraArgs = List.of();

    private BerthDaemon(Checkout checkout, Path tmp, String cgroupParent, String[] network) {
        this.checkout = checkout;
        this.tmp = tmp;
        this.cgroupParent = cgroupParent;
        this.bridge = network[0];
        this.bip = network[1];
    }

    /** Starts a daemon on fresh roots, waits until it answers, imports busybox:latest. */
    static BerthDaemon start() throws IOException {
        return start(true);
    }

    /** A daemon without any image, for tests that pull everything they use. */
    static BerthDaemon startEmpty() throws IOException {
        return start(false);
    }

    /** A daemon (with busybox) started with more berthd flags, e.g. a TLS listener. */
    static BerthDaemon startWith(List<String> extraArgs) throws IOException {
        return start(true, extraArgs);
    }

    /** Like {@link #start()}, with {@code --default-runtime runtime} (runc or crun). */
    static BerthDaemon startWithRuntime(String runtime) throws IOException {
        return start(true, List.of("--default-runtime", runtime));
    }

    private static BerthDaemon start(boolean withBusybox) throws IOException {
        return start(withBusybox, List.of());
    }

    private static BerthDaemon start(boolean withBusybox, List<String> extraArgs) throws IOException {
        var checkout = Checkout.find();
        checkout.berthd();
        var tmp = Files.createTempDirectory("berth-it.");
        var network = pickNetwork();
        // tests/lib/daemon.sh's cleanup removes the bridge named here, its veths and its nft table
        Files.writeString(tmp.resolve("bridge"), network[0] + "\n");
        var daemon = new BerthDaemon(checkout, tmp, "berth-it-" + UUID.randomUUID().toString().substring(0, 8), network);
        daemon.extraArgs = List.copyOf(extraArgs);
        try {
            daemon.launch();
            if (withBusybox) daemon.importBusybox();
            return daemon;
        } catch (RuntimeException | IOException e) {
            daemon.close();
            throw e;
        }
    }

    /**
     * A bridge "bt&lt;N&gt;" and subnet 10.(100+N/256).(N%256).0/24 from one random N &lt; 38400, as
     * tests/lib/daemon.sh picks them: parallel and leftover daemons never share either.
     */
    private static String[] pickNetwork() {
        for (int i = 0; i < 20; i++) {
            int n = java.util.concurrent.ThreadLocalRandom.current().nextInt(38400);
            String prefix = "10." + (100 + n / 256) + "." + (n % 256);
            if (Files.exists(Path.of("/sys/class/net", "bt" + n))) continue;
            if (!Shell.run(List.of("ip", "-4", "route", "show", "root", prefix + ".0/24")).isBlank()) continue;
            if (Shell.run(List.of("ip", "-4", "route", "show", "match", prefix + ".1")).lines()
                    .anyMatch(l -> !l.startsWith("default"))) continue;
            return new String[] {"bt" + n, prefix + ".1/24"};
        }
        throw new IllegalStateException("no free bridge name and subnet found");
    }

    /** The busybox rootfs tar of scripts/busybox-image.sh, built into this daemon's temp dir on first use. */
    Path busyboxTar() {
        var tar = tmp.resolve("busybox.tar");
        if (!Files.exists(tar)) Shell.run(List.of(checkout.busyboxImageScript().toString(), tar.toString()));
        return tar;
    }

    DockerClient client() {
        return client;
    }

    /** The raw HTTP client under {@link #client()}, for endpoints docker-java lacks (export). */
    DockerHttpClient http() {
        return http;
    }

    /** The daemon's bridge (its nft table is "berth-" and this name). */
    String bridge() {
        return bridge;
    }

    /** The default bridge's gateway address. */
    String gateway() {
        return bip.substring(0, bip.indexOf('/'));
    }

    Path execRoot() {
        return tmp.resolve("exec");
    }

    Path dataRoot() {
        return tmp.resolve("data");
    }

    Path socket() {
        return tmp.resolve("berth.sock");
    }

    /** SIGKILL, as a crash would; returns once the process is gone. */
    void kill9() throws InterruptedException {
        closeClient();
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("berthd survived SIGKILL for " + STOP_TIMEOUT);
        }
    }

    /** SIGTERM, as a clean shutdown; returns once the process is gone (its containers keep running). */
    void stop() throws InterruptedException {
        closeClient();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("berthd did not stop within " + STOP_TIMEOUT);
        }
    }

    /** Starts a new daemon process on the same roots and socket. */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("berthd is still running");
        }
        launch();
    }

    /**
     * Starts a new daemon process on the same roots without waiting for it to answer, so that a test can kill
     * it in the middle of its start-up (reconciliation); {@link #awaitReady()} waits for it.
     */
    void restartWithoutWaiting() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("berthd is still running");
        }
        spawn();
        openClient();
    }

    /** True while the current daemon process runs. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The cgroup parent this daemon's containers live under. */
    String cgroupParent() {
        return cgroupParent;
    }

    private void launch() throws IOException {
        spawn();
        openClient();
        awaitReady();
    }

    private void spawn() throws IOException {
        var command = new java.util.ArrayList<>(List.of(checkout.berthd().toString(),
                "--data-root", tmp.resolve("data").toString(),
                "--exec-root", tmp.resolve("exec").toString(),
                "-H", "unix://" + socket(),
                "--cgroup-parent", cgroupParent,
                "--bridge", bridge, "--bip", bip,
                "--log-level", System.getProperty("berth.it.logLevel", "info")));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
    }

    private void openClient() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket())
                .withDockerTlsVerify(false)
                .withApiVersion(API_VERSION)
                .build();
        http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        client = DockerClientImpl.getInstance(config, http);
    }

    void awaitReady() {
        var deadline = Instant.now().plus(READY_TIMEOUT);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("berthd exited " + process.exitValue() + " during start:\n" + logTail());
            }
            if (Files.exists(socket())) {
                try {
                    client.pingCmd().exec();
                    return;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("berthd did not answer _ping on " + socket() + " within "
                + READY_TIMEOUT + " (last error: " + last + "):\n" + logTail());
    }

    /** docker import of the rootfs from scripts/busybox-image.sh, with CMD ["sh"]. */
    private void importBusybox() throws IOException {
        var tar = busyboxTar();
        var changes = URLEncoder.encode("CMD [\"sh\"]", StandardCharsets.UTF_8);
        var request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/v" + API_VERSION + "/images/create?fromSrc=-&repo=busybox&tag=latest&changes=" + changes)
                .putHeader("Content-Type", "application/x-tar")
                .body(Files.newInputStream(tar))
                .build();
        try (var response = http.execute(request); InputStream body = response.getBody()) {
            var text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200 || text.contains("\"error")) {
                throw new IllegalStateException("importing busybox failed: HTTP " + response.getStatusCode() + " " + text);
            }
        }
    }

    Path log() {
        return tmp.resolve("berthd.log");
    }

    String logTail() {
        try {
            var lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, SIGKILL after 10 s, then the cleanup of tests/lib/daemon.sh. */
    @Override
    public void close() {
        closeClient();
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Shell.run(List.of(checkout.daemonScript().toString(), "cleanup", tmp.toString(), cgroupParent));
    }

    private void closeClient() {
        try {
            if (client != null) {
                client.close();
            }
        } catch (IOException ignored) {
            // the connection pool of a dead daemon: nothing left to release
        }
        client = null;
        http = null;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
