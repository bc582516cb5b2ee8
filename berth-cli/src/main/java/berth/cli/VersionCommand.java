package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth version}: the Client section, then the Server's (its Engine and other components). */
@Command(name = "version", description = "Show the berth version information")
final class VersionCommand extends ClientVerb {
    static final String CLIENT_VERSION = "0.1.0";

    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    VersionCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        PrintStream out = session.out();
        out.println("Client:");
        line(out, " %-19s%s", "Version:", CLIENT_VERSION);
        line(out, " %-19s%s", "API version:", session.client().apiVersion().toString());
        line(out, " %-19s%s", "Java version:", Runtime.version().toString());
        line(out, " %-19s%s", "OS/Arch:", "linux/" + arch());
        line(out, " %-19s%s", "Context:", "default");
        out.println();
        server(out, session.client().version());
        return 0;
    }

    private static void server(PrintStream out, JsonNode v) {
        String platform = v.path("Platform").path("Name").asText("");
        out.println("Server:" + (platform.isEmpty() ? "" : " " + platform));
        out.println(" Engine:");
        line(out, "  %-18s%s", "Version:", v.path("Version").asText());
        line(out, "  %-18s%s", "API version:", v.path("ApiVersion").asText() + " (minimum version " + v.path("MinAPIVersion").asText() + ")");
        line(out, "  %-18s%s", "Git commit:", v.path("GitCommit").asText());
        line(out, "  %-18s%s", "Built:", v.path("BuildTime").asText());
        line(out, "  %-18s%s", "OS/Arch:", v.path("Os").asText() + "/" + v.path("Arch").asText());
        line(out, "  %-18s%s", "Experimental:", v.path("Experimental").asText("false"));
        v.path("Components").forEach(c -> {
            if (!c.path("Name").asText().equals("Engine")) {
                out.println(" " + c.path("Name").asText() + ":");
                line(out, "  %-18s%s", "Version:", c.path("Version").asText());
                GoValues.sorted(c.path("Details")).forEach((k, d) -> line(out, "  %-18s%s", k + ":", d.asText()));
            }
        });
    }

    private static void line(PrintStream out, String format, String label, String value) {
        out.println(String.format(format, label, value));
    }

    static String arch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
    }
}
