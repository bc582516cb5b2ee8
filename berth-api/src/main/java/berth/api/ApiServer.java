package berth.api;

import berth.api.http.Binding;
import berth.api.http.HttpServer;
import berth.api.http.ServerIdentity;
import berth.common.BerthException;
import berth.engine.Engine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Docker Engine API on unix sockets (root and the socket group, 0660, never the world) and, with
 * TLS and client certificates only, on TCP ports. A stale socket file from a crashed daemon is replaced.
 */
public final class ApiServer implements AutoCloseable {

    /** What {@code /version} reports about this build. */
    public record Options(String version, String gitCommit, String buildTime) {
        public static Options defaults() {
            return new Options("0.1.0", "unknown", "unknown");
        }
    }

    private final List<Endpoint> endpoints;
    private final List<UnixSocketFile> sockets;
    private final HttpServer http;

    private ApiServer(List<Endpoint> endpoints, List<UnixSocketFile> sockets, HttpServer http) {
        this.endpoints = List.copyOf(endpoints);
        this.sockets = sockets;
        this.http = http;
    }

    /** One unix socket with root's group (tests, and callers that need no more). */
    public static ApiServer start(Path socket, Engine engine, Options opts) {
        return start(List.of(new Endpoint.Unix(socket, Optional.empty())), engine, opts);
    }

    public static ApiServer start(List<Endpoint> endpoints, Engine engine, Options opts) {
        List<UnixSocketFile> sockets = new ArrayList<>();
        try {
            List<Binding> bindings = new ArrayList<>();
            for (Endpoint e : endpoints) bindings.add(binding(e, sockets));
            var server = new HttpServer(bindings, Routes.of(engine, opts), new ServerIdentity(opts.version()));
            for (UnixSocketFile s : sockets) s.publish();
            return new ApiServer(endpoints, sockets, server);
        } catch (IOException e) {
            sockets.forEach(UnixSocketFile::delete);
            throw BerthException.fault("cannot listen on " + endpoints + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.fault("interrupted while binding " + endpoints, e);
        } catch (RuntimeException e) {
            sockets.forEach(UnixSocketFile::delete);
            throw BerthException.fault("cannot listen on " + endpoints + ": " + rootMessage(e), e);
        }
    }

    private static Binding binding(Endpoint endpoint, List<UnixSocketFile> sockets) throws IOException {
        return switch (endpoint) {
            case Endpoint.Unix(var path, var group) -> {
                var file = UnixSocketFile.prepare(path, group);
                sockets.add(file);
                yield new Binding.Unix(file.bindPath());
            }
            case Endpoint.Tcp(var host, var port, var tls) ->
                    new Binding.Tcp(new InetSocketAddress(host, port), ServerTls.context(tls));
        };
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The bound addresses, in the order of {@link #endpoints()} (a TCP port 0 shows the port chosen). */
    public List<SocketAddress> addresses() {
        return http.addresses();
    }

    /** The first unix socket, if any. */
    public Optional<Path> socket() {
        return sockets.stream().map(UnixSocketFile::path).findFirst();
    }

    @Override
    public void close() {
        http.close();
        sockets.forEach(UnixSocketFile::delete);
    }
}
