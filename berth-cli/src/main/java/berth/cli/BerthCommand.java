package berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root: global options, then a verb. Verbs are registered by {@link Verbs}, lazily. */
@Command(name = "berth", description = "A container engine that speaks the Docker Engine API.")
final class BerthCommand implements Callable<Integer> {
    private final Session session;

    @Spec CommandSpec spec;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "Daemon to connect to (unix:///path or tcp://host:port)")
    void host(String url) { session.host(url); }

    @Option(names = "--tlsverify", description = "Use TLS and verify the daemon (implied by DOCKER_TLS_VERIFY)")
    void tlsVerify(boolean on) { session.tlsVerify(on); }

    @Option(names = "--tlscacert", paramLabel = "FILE", description = "Trust certs signed only by this CA (default: $DOCKER_CERT_PATH/ca.pem or ~/.docker/ca.pem)")
    void tlsCaCert(java.nio.file.Path file) { session.tlsFile("ca", file); }

    @Option(names = "--tlscert", paramLabel = "FILE", description = "Path to TLS certificate file (default: .../cert.pem)")
    void tlsCert(java.nio.file.Path file) { session.tlsFile("cert", file); }

    @Option(names = "--tlskey", paramLabel = "FILE", description = "Path to TLS key file (default: .../key.pem)")
    void tlsKey(java.nio.file.Path file) { session.tlsFile("key", file); }

    @Option(names = {"-v", "--version"}, description = "Print version information and quit")
    boolean version;

    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    BerthCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        if (version) {
            session.out().println("berth version " + VersionCommand.CLIENT_VERSION);
            return 0;
        }
        spec.commandLine().usage(session.out());
        return 0;
    }
}
