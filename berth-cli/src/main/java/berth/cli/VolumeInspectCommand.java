package berth.cli;

import berth.client.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume inspect}: volumes as a JSON array, or a template per volume (-f). */
@Command(name = "inspect", description = "Display detailed information on one or more volumes")
final class VolumeInspectCommand extends ClientVerb {
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format = "";
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "VOLUME") List<String> volumes;

    VolumeInspectCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        Optional<Template> template = format.isEmpty() ? Optional.empty() : Optional.of(Format.parse(format, "").template());
        List<JsonNode> found = new ArrayList<>();
        int code = 0;
        for (String name : volumes) {
            try {
                found.add(session.client().volumes().inspect(name));
            } catch (ApiException e) {
                if (!e.isNotFound()) throw e;
                session.err().println("Error response from daemon: " + e.getMessage());
                code = 1;
            }
        }
        if (template.isEmpty()) session.out().println(JsonIndent.array(found));
        else found.forEach(v -> session.out().println(template.get().render(v)));
        return code;
    }
}
