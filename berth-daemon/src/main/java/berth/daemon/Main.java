package berth.daemon;

import berth.common.BerthException;
import picocli.CommandLine;

/** berthd's entry point: parse flags, run the daemon until SIGTERM or SIGINT. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        useUnpooledBuffers();
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

    /**
     * Netty's pooled allocator keeps 4 MB chunks per arena for the daemon's life: 8.5 MB of an idle daemon's
     * ~98 MB RSS (NMT's "Other"). The API's bodies are small JSON documents and streams copied in small chunks,
     * which unpooled buffers serve as well (issue 7's `make bench`). Set before any Netty class reads it; a -D
     * on the command line wins.
     */
    static void useUnpooledBuffers() {
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "unpooled");
        }
    }
}
