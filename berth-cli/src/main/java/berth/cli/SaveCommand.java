package berth.cli;

import berth.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth save}: images as a docker-save (and OCI layout) tar, to a file or to stdout (never a terminal). */
@Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
final class SaveCommand extends ClientVerb {
    @Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT") String output;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> names;

    SaveCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (output == null && StdStreams.stdoutIsTerminal())
            throw new CliException(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        try (Response r = images().save(names)) {
            if (output == null) {
                r.body().transferTo(session.out());
                session.out().flush();
            } else {
                ExportCommand.writeFile(r, Path.of(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
