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

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "Daemon socket to connect to (unix:///path)")
    void host(String url) { session.host(url); }

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
