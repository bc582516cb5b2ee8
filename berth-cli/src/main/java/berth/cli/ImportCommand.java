package berth.cli;

import berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth import}: a root filesystem tarball becomes a one-layer image. */
@Command(name = "import", description = "Import the contents from a tarball to create a filesystem image")
final class ImportCommand extends ClientVerb {
    @Option(names = {"-c", "--change"}, description = "Apply Dockerfile instruction to the created image") List<String> changes = new ArrayList<>();
    @Option(names = {"-m", "--message"}, description = "Set commit message for imported image") String message;
    @Option(names = "--platform", description = "Set platform if server is multi-platform capable") String platform;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "file|URL|-") String file;
    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]") String reference;

    ImportCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        TarInput tar = TarInput.open(file, session.in());
        JsonMessages.print(images().importTar(tar.in(), tar.length(), query()), session.out());
        return 0;
    }

    Query query() {
        Query q = Query.of().with("fromSrc", "-");
        if (reference != null) {
            q = q.with("repo", ImageRows.repository(reference));
            q = reference.equals(ImageRows.repository(reference)) ? q : q.with("tag", ImageRows.tag(reference));
        }
        q = message == null ? q : q.with("message", message);
        q = platform == null ? q : q.with("platform", platform);
        for (String change : changes) {
            q = q.with("changes", change);
        }
        return q;
    }
}
