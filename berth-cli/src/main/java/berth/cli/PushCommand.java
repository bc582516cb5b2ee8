package berth.cli;

import berth.client.Query;
import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth push}: {@code POST /images/{name}/push?tag=…} with the registry's credentials. */
@Command(name = "push", description = "Upload an image to a registry")
final class PushCommand extends ClientVerb {
    @Option(names = {"-a", "--all-tags"}, description = "Push all tags of an image to the repository") boolean all;
    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output") boolean quiet;
    @Option(names = "--disable-content-trust", description = "Skip image signing (berth has no content trust)",
            arity = "0..1", fallbackValue = "true") boolean disableContentTrust;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "NAME[:TAG]") String reference;

    PushCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        ImageName ref = ImageName.parse(reference);
        if (all && !ref.nameOnly()) {
            throw new CliException(1, "tag can't be used with --all-tags/-a");
        }
        if (ref.digest().isPresent()) {
            throw new CliException(1, "cannot push a digest reference");
        }
        if (!all && ref.nameOnly()) {
            ref = ref.withTag("latest");
            if (!quiet) {
                session.out().println("Using default tag: latest");
            }
        }
        Query query = ref.tag().map(t -> Query.of().with("tag", t)).orElse(Query.of());
        String name = ref.name();
        var response = RegistryAuth.call(session, ref, "push", auth -> images().push(name, query, auth));
        if (quiet) {
            try (response) {
                new ProgressRenderer(new PrintStream(OutputStream.nullOutputStream()), false, 0, session.clock())
                        .render(response.body(), aux -> {});
            }
            session.out().println(ref);
        } else {
            JsonMessages.display(response, session, aux -> {});
        }
        return 0;
    }
}
