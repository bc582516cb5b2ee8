package berth.cli;

import berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth commit}: a new image from a container's changes; prints its ID. */
@Command(name = "commit", description = "Create a new image from a container's changes")
final class CommitCommand extends ClientVerb {
    @Option(names = {"-a", "--author"}, description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")") String author;
    @Option(names = {"-c", "--change"}, description = "Apply Dockerfile instruction to the created image") List<String> changes = new ArrayList<>();
    @Option(names = {"-m", "--message"}, description = "Commit message") String message;
    @Option(names = {"-p", "--pause"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Pause container during commit (default true)") boolean pause;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;
    @Parameters(index = "1", arity = "0..1", paramLabel = "[REPOSITORY[:TAG]]") String reference;

    CommitCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        session.out().println(session.client().archives().commit(query()));
        return 0;
    }

    Query query() {
        Query q = Query.of().with("container", container).with("pause", pause ? "1" : "0");
        if (reference != null && !reference.isEmpty()) {
            String repo = ImageRows.repository(reference);
            q = q.with("repo", repo);
            if (!repo.equals(reference)) q = q.with("tag", ImageRows.tag(reference));
        }
        if (message != null) q = q.with("comment", message);
        if (author != null) q = q.with("author", author);
        for (String change : changes) q = q.with("changes", change);
        return q;
    }
}
