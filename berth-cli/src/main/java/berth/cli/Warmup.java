package berth.cli;

import berth.common.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Class initialisation that every verb talking to the daemon waits for, started on a second thread while the
 * main thread builds picocli's model: Jackson's mapper and parser (~40 ms of static initialisers: date formats,
 * locale data, BigDecimal tables) and the JDK's unix-socket support (a SecureRandom, ~15 ms). The AOT cache
 * loads these classes but cannot run their initialisers ahead of time. Costs the same CPU, saves wall time
 * when a second core is free.
 */
final class Warmup {
    private Warmup() {}

    static void start() {
        Thread.ofPlatform().daemon().name("berth-warmup").start(Warmup::run);
    }

    private static void run() {
        try (SocketChannel ignored = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Json.docker().readTree("{\"Warm\":[1.5,true,null]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // only ever a head start: the verb does the same work again and reports any failure
        }
    }
}
