package berth.api.e2e;

import berth.api.ApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the end-to-end API tests share: a {@link FakeEngine} served on a socket of their own, and one
 * raw exchange over it. */
abstract class ServedFakeEngine {
    @TempDir
    Path dir;
    final FakeEngine engine = new FakeEngine();
    ApiServer server;
    Path socket;

    /** Where the socket goes under the test's directory. */
    String socketName() {
        return "berth.sock";
    }

    @BeforeEach
    void startServer() {
        socket = dir.resolve(socketName());
        server = ApiServer.start(socket, engine, ApiServer.Options.defaults());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Sends one raw request and returns everything the server answers until it closes. */
    String exchange(String request) throws IOException {
        try (var client = new RawClient(socket)) {
            client.send(request);
            return new String(client.readToEnd(), StandardCharsets.UTF_8);
        }
    }
}
