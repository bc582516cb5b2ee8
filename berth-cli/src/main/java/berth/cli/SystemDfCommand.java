package berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth system df}: disk usage by images, containers, volumes and build cache; -v lists each object. */
@Command(name = "df", description = "Show docker disk usage")
final class SystemDfCommand extends ClientVerb {
    @Option(names = {"-v", "--verbose"}, description = "Show detailed information on space usage") boolean verbose;
    @Option(names = "--format", description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    SystemDfCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        JsonNode df = images().diskUsage();
        if (!verbose) {
            session.out().print(Format.parse(format, DiskUsageRows.DEFAULT_TABLE).render(DiskUsageRows.rows(df), DiskUsageRows.HEADERS));
            return 0;
        }
        var now = session.clock().instant();
        List<JsonNode> images = new ArrayList<>();
        df.path("Images").forEach(i -> images.addAll(ImageRows.rows(i, true, now)));
        List<JsonNode> containers = new ArrayList<>();
        df.path("Containers").forEach(c -> containers.add(ContainerRows.row(c, true, now)
                .put("Size", Units.humanSize(Math.max(0, c.path("SizeRw").asDouble()), 3))));
        var out = session.out();
        out.print("Images space usage:\n\n" + Format.parse(DiskUsageRows.IMAGES_TABLE, "").render(images, ImageRows.HEADERS));
        out.print("\nContainers space usage:\n\n"
                + Format.parse(DiskUsageRows.CONTAINERS_TABLE, "").render(containers, ContainerRows.HEADERS));
        List<JsonNode> volumes = new ArrayList<>();
        df.path("Volumes").forEach(v -> volumes.add(JsonNodeFactory.instance.objectNode().put("Name", v.path("Name").asText())
                .put("Links", Long.toString(v.path("UsageData").path("RefCount").asLong()))
                .put("Size", Units.humanSize(Math.max(0, v.path("UsageData").path("Size").asDouble())))));
        out.print("\nLocal Volumes space usage:\n\n" + Format.parse("table {{.Name}}\t{{.Links}}\t{{.Size}}", "")
                .render(volumes, JsonNodeFactory.instance.objectNode().put("Name", "VOLUME NAME").put("Links", "LINKS").put("Size", "SIZE")));
        out.print("\nBuild cache usage: 0B\n\n" + Table.format(List.of(
                "CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED")));
        return 0;
    }
}
