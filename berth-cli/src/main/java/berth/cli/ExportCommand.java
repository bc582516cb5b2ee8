package berth.cli;

import berth.client.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth export}: a container's filesystem as a tar, to a file or to stdout (never a terminal). */
@Command(name = "export", description = "Export a container's filesystem as a tar archive")
final class ExportCommand extends ClientVerb {
    @Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT") String output;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "CONTAINER") String container;

    ExportCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (output == null && StdStreams.stdoutIsTerminal())
            throw new CliException(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        try (Response r = session.client().archives().export(container)) {
            if (output == null) {
                r.body().transferTo(session.out());
                session.out().flush();
            } else {
                writeFile(r, Path.of(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** Into a temp file beside the target, renamed when complete: a failed export leaves no half file. */
    static void writeFile(Response r, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".export-", ".tar");
        try (OutputStream out = Files.newOutputStream(temp)) {
            r.body().transferTo(out);
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
