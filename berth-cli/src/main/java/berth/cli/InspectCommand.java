package berth.cli;

import berth.client.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth inspect}: containers or images as a JSON array, or a template per object (-f). */
@Command(name = "inspect", description = "Return low-level information on berth objects")
final class InspectCommand extends ClientVerb {
    private final Optional<String> fixedType;

    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format = "";
    @Option(names = "--type", description = "Only inspect objects of the given type (container, image, network)") String type;
    @Option(names = {"-s", "--size"}, description = "Display total file sizes if the type is container") boolean size;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "NAME|ID") List<String> names;

    InspectCommand(Session session, Optional<String> fixedType) {
        super(session);
        this.fixedType = fixedType;
    }

    @Override
    public Integer call() {
        Optional<String> kind = fixedType.or(() -> Optional.ofNullable(type));
        kind.filter(k -> !k.equals("container") && !k.equals("image") && !k.equals("network")).ifPresent(k -> {
            throw new CliException(1, "\"" + k + "\" is not a valid value for --type");
        });
        Optional<Template> template = format.isEmpty() ? Optional.empty() : Optional.of(Format.parse(format, "").template());
        List<JsonNode> found = new ArrayList<>();
        int code = 0;
        for (String name : names) {
            Optional<JsonNode> object = lookup(name, kind);
            object.ifPresent(found::add);
            if (object.isEmpty()) {
                code = 1;
                session.err().println("Error: No such " + kind.orElse("object") + ": " + name);
            }
        }
        print(found, template);
        return code;
    }

    private void print(List<JsonNode> found, Optional<Template> template) {
        if (template.isEmpty()) {
            session.out().println(JsonIndent.array(found));
            return;
        }
        found.forEach(o -> session.out().println(template.get().render(o)));
    }

    /** Container first, then image, unless the type is fixed; only "not found" moves on. */
    private Optional<JsonNode> lookup(String name, Optional<String> kind) {
        if (kind.isEmpty() || kind.get().equals("container")) {
            Optional<JsonNode> c = notFoundAsEmpty(() -> containers().inspect(name));
            if (c.isPresent() || kind.isPresent()) {
                return c;
            }
        }
        if (kind.isEmpty() || kind.get().equals("image")) {
            Optional<JsonNode> i = notFoundAsEmpty(() -> images().inspect(name));
            if (i.isPresent() || kind.isPresent()) {
                return i;
            }
        }
        return notFoundAsEmpty(() -> session.client().networks().inspect(name));
    }

    private static Optional<JsonNode> notFoundAsEmpty(java.util.function.Supplier<JsonNode> call) {
        try {
            return Optional.of(call.get());
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
