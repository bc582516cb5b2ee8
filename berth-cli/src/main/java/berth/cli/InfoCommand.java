package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth info}: the key facts of {@code GET /info}, laid out like docker's. */
@Command(name = "info", description = "Display system-wide information")
final class InfoCommand extends ClientVerb {
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    InfoCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        JsonNode info = session.client().info();
        if (!format.isEmpty()) {
            session.out().println(Format.parse(format, "").template().render(info));
            return 0;
        }
        PrintStream out = session.out();
        out.println("Client:");
        out.println(" Version:    " + VersionCommand.CLIENT_VERSION);
        out.println(" Context:    default");
        out.println(" Debug Mode: false");
        out.println();
        out.println("Server:");
        counts(out, info);
        facts(out, info);
        return 0;
    }

    private static void counts(PrintStream out, JsonNode i) {
        out.println(" Containers: " + i.path("Containers").asLong());
        out.println("  Running: " + i.path("ContainersRunning").asLong());
        out.println("  Paused: " + i.path("ContainersPaused").asLong());
        out.println("  Stopped: " + i.path("ContainersStopped").asLong());
        out.println(" Images: " + i.path("Images").asLong());
    }

    private static void facts(PrintStream out, JsonNode i) {
        String[][] fields = {
            {"Server Version", "ServerVersion"}, {"Storage Driver", "Driver"}, {"Logging Driver", "LoggingDriver"},
            {"Cgroup Driver", "CgroupDriver"}, {"Cgroup Version", "CgroupVersion"}, {"Default Runtime", "DefaultRuntime"},
            {"Kernel Version", "KernelVersion"}, {"Operating System", "OperatingSystem"}, {"OSType", "OSType"},
            {"Architecture", "Architecture"}, {"CPUs", "NCPU"}, {"Total Memory", "MemTotal"}, {"Name", "Name"},
            {"ID", "ID"}, {"Berth Root Dir", "DockerRootDir"}, {"Debug Mode", "Debug"}, {"Experimental", "ExperimentalBuild"},
            {"Live Restore Enabled", "LiveRestoreEnabled"}};
        for (String[] f : fields) {
            JsonNode v = i.path(f[1]);
            if (!v.isMissingNode()) {
                String text = f[1].equals("MemTotal") ? Units.bytesSize(v.asDouble()) : v.asText();
                out.println(" " + f[0] + ": " + text);
            }
        }
    }
}
