package berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume create [NAME]}: prints the volume's name (a generated one when none is given). */
@Command(name = "create", description = "Create a volume")
final class VolumeCreateCommand extends ClientVerb {
    @Option(names = {"-d", "--driver"}, description = "Specify volume driver name") String driver = "local";
    @Option(names = "--name", description = "Specify volume name", hidden = true) String nameFlag;
    @Option(names = "--label", description = "Set metadata for a volume") List<String> labels = new ArrayList<>();
    @Option(names = {"-o", "--opt"}, description = "Set driver specific options") List<String> options = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", arity = "0..1", paramLabel = "VOLUME") String name;

    VolumeCreateCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (name != null && nameFlag != null && !name.equals(nameFlag)) {
            session.err().println("Conflicting options: either specify --name or provide positional arg, not both");
            return 1;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("Name", name != null ? name : nameFlag != null ? nameFlag : "").put("Driver", driver);
        pairs(body.putObject("DriverOpts"), options);
        pairs(body.putObject("Labels"), labels);
        session.out().println(session.client().volumes().create(body).path("Name").asText());
        return 0;
    }

    /** "k=v" (a bare "k" is an empty value), as docker reads -o and --label. */
    static void pairs(ObjectNode node, List<String> values) {
        for (String v : values) {
            int eq = v.indexOf('=');
            node.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
        }
    }
}
