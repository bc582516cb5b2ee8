package berth.api;

import berth.api.http.HttpServer;
import berth.api.http.ServerIdentity;
import berth.common.BerthException;
import berth.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Docker Engine API on a unix socket. The socket is created 0660 (root and the socket's group, never
 * the world); a stale socket file from a crashed daemon is replaced.
 */
public final class ApiServer implements AutoCloseable {

    /** What {@code /version} reports about this build. */
    public record Options(String version, String gitCommit, String buildTime) {
        public static Options defaults() {
            return new Options("0.1.0", "unknown", "unknown");
        }
    }

    private final Path socket;
    private final HttpServer http;

    private ApiServer(Path socket, HttpServer http) {
        this.socket = socket;
        this.http = http;
    }

    public static ApiServer start(Path socket, Engine engine, Options opts) {
        try {
            prepare(socket);
            var server = new HttpServer(socket, Routes.of(engine, opts), new ServerIdentity(opts.version()));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            return new ApiServer(socket, server);
        } catch (IOException e) {
            throw BerthException.fault("cannot listen on " + socket + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.fault("interrupted while binding " + socket, e);
        }
    }

    /** Parents 0711 (the daemon's run dir must be traversable to reach a group-shared socket). */
    private static void prepare(Path socket) throws IOException {
        var parent = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Files.deleteIfExists(socket);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        http.close();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
