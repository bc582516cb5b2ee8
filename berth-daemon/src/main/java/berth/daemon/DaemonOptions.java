package berth.daemon;

import berth.common.BerthException;
import java.nio.file.Path;
import java.util.logging.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** berthd's flags, named as dockerd names them. */
@Command(name = "berthd", mixinStandardHelpOptions = true, version = "berthd " + Version.BERTH,
        description = "The berth daemon: serves the Docker Engine API on unix sockets (and on TCP with TLS).")
final class DaemonOptions {
    @Option(names = "--data-root", description = "Root of persistent state (default: ${DEFAULT-VALUE})")
    Path dataRoot = Path.of("/var/lib/berth");

    @Option(names = "--exec-root", description = "Root of runtime state (default: ${DEFAULT-VALUE})")
    Path execRoot = Path.of("/run/berth");

    @Option(names = {"-H", "--host"}, paramLabel = "unix:///PATH|tcp://HOST:PORT",
            description = "Where to serve the API (repeatable); tcp:// only with --tlsverify (default: unix://<exec-root>/berth.sock)")
    java.util.List<String> hosts = new java.util.ArrayList<>();

    @Option(names = {"-G", "--group"}, description = "Group of the unix sockets, \"\" for root's (default: ${DEFAULT-VALUE})")
    String group = Listeners.DEFAULT_GROUP;

    @Option(names = "--tlsverify", description = "Serve TCP with TLS and require client certificates signed by --tlscacert")
    boolean tlsVerify;

    @Option(names = "--tlscacert", description = "CA that signs clients' certificates (default: ${DEFAULT-VALUE})")
    Path tlsCaCert = dockerDir().resolve("ca.pem");

    @Option(names = "--tlscert", description = "The daemon's TLS certificate (default: ${DEFAULT-VALUE})")
    Path tlsCert = dockerDir().resolve("cert.pem");

    @Option(names = "--tlskey", description = "The daemon's TLS key (default: ${DEFAULT-VALUE})")
    Path tlsKey = dockerDir().resolve("key.pem");

    @Option(names = "--default-runtime", description = "OCI runtime: runc or crun (default: chosen for this host)")
    String defaultRuntime = "";

    @Option(names = "--cgroup-parent", description = "Parent cgroup of containers (default: ${DEFAULT-VALUE})")
    String cgroupParent = "/berth";

    @Option(names = {"-b", "--bridge"}, description = "Linux bridge of the default network, \"none\" for none (default: ${DEFAULT-VALUE})")
    String bridge = berth.network.NetworkConfig.DEFAULT_BRIDGE;

    @Option(names = "--bip", description = "The default bridge's address and prefix, e.g. 172.17.0.1/16 (default: a free 172.17-31.0.1/16)")
    String bip = "";

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]|CIDR",
            description = "A registry reached over plain HTTP when it does not speak TLS (repeatable); loopback ones always are")
    java.util.List<String> insecureRegistries = new java.util.ArrayList<>();

    @Option(names = "--userns-remap", paramLabel = "default|USER[:GROUP]",
            description = "Run containers in a user namespace mapped to the user's /etc/subuid and /etc/subgid ranges")
    String usernsRemap = "";

    @Option(names = {"-l", "--log-level"}, description = "debug, info, warn, error, fatal (default: ${DEFAULT-VALUE})")
    String logLevel = "info";

    /** The listeners' flags; files are read by {@link Listeners#endpoints}. */
    Listeners.Spec listeners() {
        return new Listeners.Spec(hosts, execRoot.resolve("berth.sock"), group, tlsVerify, tlsCaCert, tlsCert, tlsKey);
    }

    /** dockerd's default place for TLS files: $DOCKER_CERT_PATH, else ~/.docker. */
    private static Path dockerDir() {
        String certPath = System.getenv("DOCKER_CERT_PATH");
        if (certPath != null && !certPath.isEmpty()) return Path.of(certPath);
        return Path.of(System.getProperty("user.home"), ".docker");
    }

    String cgroupParentPath() {
        return cgroupParent.startsWith("/") ? cgroupParent : "/" + cgroupParent;
    }

    Level level() {
        return switch (logLevel) {
            case "debug" -> Level.FINE;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARNING;
            case "error", "fatal" -> Level.SEVERE;
            default -> throw BerthException.invalid("invalid log level: " + logLevel);
        };
    }
}
