package berth.daemon;

import berth.common.BerthException;
import java.nio.file.Path;
import java.util.logging.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** berthd's flags, named as dockerd names them. */
@Command(name = "berthd", mixinStandardHelpOptions = true, version = "berthd " + Version.BERTH,
        description = "The berth daemon: serves the Docker Engine API on a unix socket.")
final class DaemonOptions {
    @Option(names = "--data-root", description = "Root of persistent state (default: ${DEFAULT-VALUE})")
    Path dataRoot = Path.of("/var/lib/berth");

    @Option(names = "--exec-root", description = "Root of runtime state (default: ${DEFAULT-VALUE})")
    Path execRoot = Path.of("/run/berth");

    @Option(names = {"-H", "--host"}, description = "Socket to listen on, unix:///path (default: unix://<exec-root>/berth.sock)")
    String host = "";

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

    @Option(names = {"-l", "--log-level"}, description = "debug, info, warn, error, fatal (default: ${DEFAULT-VALUE})")
    String logLevel = "info";

    Path socket() {
        if (host.isEmpty()) return execRoot.resolve("berth.sock");
        if (!host.startsWith("unix://"))
            throw BerthException.invalid("only unix:// sockets are supported for now: " + host);
        return Path.of(host.substring("unix://".length()));
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
