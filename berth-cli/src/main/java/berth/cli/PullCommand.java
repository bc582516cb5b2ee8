package berth.cli;

import berth.client.Query;
import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth pull}: {@code POST /images/create?fromImage=…&tag=…} with the registry's credentials. */
@Command(name = "pull", description = "Download an image from a registry")
final class PullCommand extends ClientVerb {
    @Option(names = {"-a", "--all-tags"}, description = "Download all tagged images in the repository") boolean all;
    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output") boolean quiet;
    @Option(names = "--platform", description = "Set platform if server is multi-platform capable") String platform;
    @Option(names = "--disable-content-trust", description = "Skip image verification (berth has no content trust)",
            arity = "0..1", fallbackValue = "true") boolean disableContentTrust;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "NAME[:TAG|@DIGEST]") String reference;

    PullCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        ImageName ref = ImageName.parse(reference);
        if (all && !ref.nameOnly()) {
            throw new CliException(1, "tag can't be used with --all-tags/-a");
        }
        if (!all && ref.nameOnly()) {
            ref = ref.withTag("latest");
            if (!quiet) {
                session.out().println("Using default tag: latest");
            }
        }
        Query query = query(ref);
        var response = RegistryAuth.call(session, ref, "pull", auth -> images().pull(query, auth));
        if (quiet) {
            try (response) {
                new ProgressRenderer(new PrintStream(OutputStream.nullOutputStream()), false, 0, session.clock())
                        .render(response.body(), aux -> {});
            }
        } else {
            JsonMessages.display(response, session, aux -> {});
        }
        session.out().println(ref);
        return 0;
    }

    /** docker's query: the full name, the tag or digest unless -a, the platform lower-cased. */
    Query query(ImageName ref) {
        Query q = Query.of().with("fromImage", ref.name());
        if (!all) {
            q = q.with("tag", ref.digest().orElseGet(() -> ref.tag().orElse("")));
        }
        return platform == null || platform.isEmpty() ? q : q.with("platform", platform.toLowerCase(java.util.Locale.ROOT));
    }
}
