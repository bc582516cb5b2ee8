package berth.daemon;

import berth.common.BerthException;
import picocli.CommandLine;

/** berthd's entry point: parse flags, run the daemon until SIGTERM or SIGINT. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        DaemonOptions options = new DaemonOptions();
        CommandLine cli = new CommandLine(options);
        try {
            var parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) return;
        } catch (CommandLine.ParameterException e) {
            System.err.println("berthd: " + e.getMessage());
            System.exit(2);
        }
        try {
            Logs.configure(options.level());
            Daemon daemon = Daemon.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "berthd-shutdown"));
            daemon.awaitClose();
        } catch (BerthException e) {
            System.err.println("berthd: " + e.getMessage());
            System.exit(1);
        }
    }
}
