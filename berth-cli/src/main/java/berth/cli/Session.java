package berth.cli;

import berth.client.ClientTls;
import berth.client.DockerClient;
import berth.client.DockerHost;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What every verb shares: the streams, the environment, the clock, and a client created only when a verb
 * first needs it (so {@code --help} never touches the socket or loads Jackson).
 */
final class Session {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;
    private final Clock clock;
    private Optional<String> hostFlag = Optional.empty();
    private boolean tlsVerify;
    private final Map<String, java.nio.file.Path> tlsFiles = new java.util.HashMap<>();
    private DockerClient client;

    Session(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Clock clock) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    static Session system() {
        return new Session(buffered(FileDescriptor.out), buffered(FileDescriptor.err), System.in, System.getenv(),
                Clock.systemUTC());
    }

    private static PrintStream buffered(FileDescriptor fd) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(fd), 16384), false, StandardCharsets.UTF_8);
    }

    PrintStream out() { return out; }

    PrintStream err() { return err; }

    InputStream in() { return in; }

    Map<String, String> env() { return env; }

    Clock clock() { return clock; }

    void host(String url) { this.hostFlag = Optional.of(url); }

    void tlsVerify(boolean on) { this.tlsVerify = on; }

    /** {@code --tlscacert}, {@code --tlscert}, {@code --tlskey}: kind is ca, cert or key. */
    void tlsFile(String kind, java.nio.file.Path file) { tlsFiles.put(kind, file); }

    DockerHost host() {
        var flags = new ClientTls.Flags(tlsVerify, Optional.ofNullable(tlsFiles.get("ca")),
                Optional.ofNullable(tlsFiles.get("cert")), Optional.ofNullable(tlsFiles.get("key")));
        return DockerHost.resolve(hostFlag, flags, env);
    }

    synchronized DockerClient client() {
        if (client == null) {
            client = DockerClient.connect(host());
        }
        return client;
    }

    /** Lets tests hand in a client bound to a fake daemon. */
    void client(DockerClient c) { this.client = c; }

    void flush() {
        out.flush();
        err.flush();
    }
}
