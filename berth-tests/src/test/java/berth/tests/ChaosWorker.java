package berth.tests;

import berth.tests.ChaosLedger.Entry;
import berth.tests.ChaosLedger.Kind;
import berth.tests.ChaosLedger.State;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One chaos client: creates, starts, stops, removes, commits containers, imports and removes images, creates,
 * fills and removes volumes, in random order, each on objects of its own, through its own connection. Every
 * answer moves the {@link ChaosLedger}; a request left without a reply leaves its object in doubt.
 */
final class ChaosWorker implements Runnable {
    static final String API_VERSION = "1.41";
    /** A container that stops at once on SIGTERM (PID 1 gets no default signal handlers). */
    static final List<String> SLEEPER = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait");
    private static final Pattern IMPORTED_ID = Pattern.compile("\"status\":\"(sha256:[0-9a-f]{64})\"");
    private static final int MAX_CONTAINERS = 8;
    private static final int MAX_IMAGES = 4;
    private static final int MAX_VOLUMES = 4;

    private final String name;
    private final ChaosLedger ledger;
    private final ChaosGate gate;
    private final Path socket;
    private final Path busyboxTar;
    private final Random random;
    private int serial;
    private int epoch = -1;
    private DockerHttpClient http;
    private DockerClient client;

    ChaosWorker(String name, ChaosLedger ledger, ChaosGate gate, Path socket, Path busyboxTar, long seed) {
        this.name = name;
        this.ledger = ledger;
        this.gate = gate;
        this.socket = socket;
        this.busyboxTar = busyboxTar;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        try {
            while (gate.awaitUp()) {
                gate.step(() -> {
                    reconnectIfRestarted();
                    step();
                });
            }
        } catch (RuntimeException e) {
            ledger.clientFailed(name + ": " + e); // a client that died would quietly shrink the test
        } finally {
            closeClient();
        }
    }

    private void step() {
        if (live(Kind.CONTAINER).size() > MAX_CONTAINERS) { removeContainer(); return; }
        if (live(Kind.IMAGE).size() > MAX_IMAGES) { removeImage(); return; }
        if (live(Kind.VOLUME).size() > MAX_VOLUMES) { removeVolume(); return; }
        switch (random.nextInt(16)) {
            case 0, 1, 2 -> createContainer();
            case 3, 4, 5 -> startContainer();
            case 6, 7 -> stopContainer();
            case 8, 9 -> removeContainer();
            case 10 -> commit();
            case 11 -> importImage();
            case 12 -> removeImage();
            case 13 -> createVolume();
            case 14 -> writeVolume();
            default -> removeVolume();
        }
    }

    private void createContainer() {
        var images = existing(Kind.IMAGE);
        String image = images.isEmpty() || random.nextInt(3) > 0 ? Containers.IMAGE : pick(images).name;
        var entry = ledger.add(Kind.CONTAINER, next("c"), name);
        var call = call("create " + entry.name, () -> client.createContainerCmd(image).withName(entry.name)
                .withLabels(Map.of("chaos", "sleeper")).withCmd(SLEEPER).exec().getId());
        created(entry, call);
    }

    private void startContainer() {
        pickSleeper().ifPresent(c -> touch(c, call("start " + c.name, () -> {
            client.startContainerCmd(c.name).exec();
            return c.name;
        })));
    }

    private void stopContainer() {
        pickSleeper().ifPresent(c -> touch(c, call("stop " + c.name, () -> {
            client.stopContainerCmd(c.name).withTimeout(random.nextInt(2)).exec();
            return c.name;
        })));
    }

    private void removeContainer() {
        pickLive(Kind.CONTAINER).ifPresent(c -> remove(c, () -> {
            client.removeContainerCmd(c.name).withForce(true).exec();
            return c.name;
        }));
    }

    private void commit() {
        var source = pickSleeper();
        if (source.isEmpty()) return;
        var c = source.get();
        var image = ledger.add(Kind.IMAGE, next("commit") + ":latest", name);
        var call = call("commit " + c.name, () -> client.commitCmd(c.name)
                .withRepository(image.name.substring(0, image.name.indexOf(':'))).withTag("latest").exec());
        if (call.refusedWith(404)) touch(c, call);
        created(image, call);
    }

    private void importImage() {
        var image = ledger.add(Kind.IMAGE, next("import") + ":latest", name);
        created(image, call("import " + image.name, () -> importTar(image.name)));
    }

    private void removeImage() {
        pickLive(Kind.IMAGE).ifPresent(i -> remove(i, () -> {
            client.removeImageCmd(i.name).exec();
            return i.name;
        }));
    }

    private void createVolume() {
        var volume = ledger.add(Kind.VOLUME, next("v"), name);
        created(volume, call("volume create " + volume.name,
                () -> client.createVolumeCmd().withName(volume.name).exec().getName()));
    }

    /** A container writes a new marker into the volume; once its exit 0 is confirmed, that marker is the content. */
    private void writeVolume() {
        var volumes = existing(Kind.VOLUME);
        if (volumes.isEmpty()) return;
        var volume = pick(volumes);
        String marker = next("m");
        var writer = ledger.add(Kind.CONTAINER, next("wr"), name);
        var create = call("create " + writer.name, () -> client.createContainerCmd(Containers.IMAGE)
                .withName(writer.name).withLabels(Map.of("chaos", "writer"))
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume.name, new Volume("/data"))))
                .withCmd("sh", "-c", "echo " + marker + " > /data/marker").exec().getId());
        created(writer, create);
        if (!create.ok()) return;
        volume.markers.add(marker); // from the start request on, the marker may land
        var start = call("start " + writer.name, () -> {
            client.startContainerCmd(writer.name).exec();
            return writer.name;
        });
        touch(writer, start);
        if (!start.ok()) return;
        var exit = call("wait " + writer.name, () -> client.waitContainerCmd(writer.name)
                .exec(new WaitContainerResultCallback()).awaitStatusCode(60, TimeUnit.SECONDS));
        if (exit instanceof ChaosCall.Ok<Integer>(Integer code) && code == 0) {
            synchronized (volume.markers) {
                volume.markers.clear();
                volume.markers.add(marker);
            }
        }
        remove(writer, () -> {
            client.removeContainerCmd(writer.name).withForce(true).exec();
            return writer.name;
        });
    }

    private void removeVolume() {
        pickLive(Kind.VOLUME).ifPresent(v -> remove(v, () -> {
            client.removeVolumeCmd(v.name).exec();
            return v.name;
        }));
    }

    // --- the ledger's rules ---

    /** A create's answer: confirmed, it exists; refused by a 4xx, it was never made; otherwise it may exist. */
    private void created(Entry entry, ChaosCall<String> call) {
        switch (call) {
            case ChaosCall.Ok<String>(String id) -> {
                entry.id = id;
                entry.state = State.EXISTS;
            }
            case ChaosCall.Refused<String> r when r.status() < 500 -> entry.state = State.GONE;
            default -> entry.state = State.MAYBE;
        }
    }

    /** Any answer about an object settles a doubt: a 2xx means it exists, a 404 that it does not. */
    private void touch(Entry entry, ChaosCall<?> call) {
        if (call.ok() && entry.state != State.GONE) entry.state = State.EXISTS;
        if (call.refusedWith(404)) gone(entry, "404 for " + entry + " on " + call);
    }

    /** A removal: in doubt from the request on; confirmed (or 404) it is gone; any other answer keeps it as it was. */
    private void remove(Entry entry, Supplier<String> request) {
        State before = entry.state;
        entry.state = State.MAYBE_GONE;
        var call = call("remove " + entry, request);
        switch (call) {
            case ChaosCall.Ok<String> ok -> entry.state = State.GONE;
            case ChaosCall.Refused<String> r when r.status() == 404 -> {
                entry.state = before;
                gone(entry, "404 on removal of " + entry);
            }
            case ChaosCall.Refused<String> r when r.status() < 500 -> entry.state = before;
            case ChaosCall.NotSent<String> n -> entry.state = before;
            default -> { } // a 5xx or no reply: either outcome is possible
        }
    }

    private void gone(Entry entry, String why) {
        if (entry.state == State.EXISTS) ledger.lost(why);
        entry.state = State.GONE;
    }

    private <T> ChaosCall<T> call(String what, Supplier<T> request) {
        var result = ChaosCall.of(ledger, name + " " + what, request);
        if (result instanceof ChaosCall.NoReply<T> || result instanceof ChaosCall.NotSent<T>) {
            closeClient(); // its pooled connection died with the daemon
        }
        return result;
    }

    // --- choices ---

    private List<Entry> live(Kind kind) {
        return ledger.all(kind).stream().filter(e -> name.equals(e.owner) && e.state != State.GONE).toList();
    }

    private List<Entry> existing(Kind kind) {
        return ledger.all(kind).stream().filter(e -> name.equals(e.owner) && e.state == State.EXISTS).toList();
    }

    private java.util.Optional<Entry> pickLive(Kind kind) {
        var live = live(kind);
        return live.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pick(live));
    }

    /** A container of the sleeper kind: a writer runs once, so that its marker lands only when recorded. */
    private java.util.Optional<Entry> pickSleeper() {
        var sleepers = live(Kind.CONTAINER).stream().filter(e -> !e.name.contains("-wr")).toList();
        return sleepers.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pick(sleepers));
    }

    private Entry pick(List<Entry> entries) {
        return entries.get(random.nextInt(entries.size()));
    }

    private String next(String what) {
        return "chaos-" + name + "-" + what + (serial++);
    }

    // --- the connection ---

    private void reconnectIfRestarted() {
        if (client == null || epoch != gate.epoch()) {
            closeClient();
            epoch = gate.epoch();
            var pair = open(socket);
            http = pair.http();
            client = pair.client();
        }
    }

    private void closeClient() {
        try {
            if (client != null) client.close();
        } catch (IOException ignored) {
            // a dead daemon's connection pool: nothing to release
        }
        client = null;
        http = null;
    }

    record Connection(DockerHttpClient http, DockerClient client) {}

    static Connection open(Path socket) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket).withDockerTlsVerify(false).withApiVersion(API_VERSION).build();
        var http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(60)).build();
        return new Connection(http, DockerClientImpl.getInstance(config, http));
    }

    /** {@code POST /images/create?fromSrc=-}: confirmed only by the final status line with the image ID. */
    private String importTar(String reference) {
        int colon = reference.lastIndexOf(':');
        var changes = URLEncoder.encode("CMD [\"sh\"]", StandardCharsets.UTF_8);
        var request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                .path("/v" + API_VERSION + "/images/create?fromSrc=-&repo=" + reference.substring(0, colon)
                        + "&tag=" + reference.substring(colon + 1) + "&changes=" + changes)
                .putHeader("Content-Type", "application/x-tar").body(openTar()).build();
        try (var response = http.execute(request); InputStream body = response.getBody()) {
            var text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200 || text.contains("\"error")) {
                throw new com.github.dockerjava.api.exception.DockerException(
                        "import failed: " + text, response.getStatusCode() == 200 ? 500 : response.getStatusCode());
            }
            var id = IMPORTED_ID.matcher(text);
            if (!id.find()) throw new UncheckedIOException(new IOException("import ended without an image ID: " + text));
            return id.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream openTar() {
        try {
            return Files.newInputStream(busyboxTar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
