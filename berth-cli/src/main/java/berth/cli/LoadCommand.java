package berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth load}: an image tar archive (docker save / OCI layout) from a file or stdin. */
@Command(name = "load", description = "Load an image from a tar archive or STDIN")
final class LoadCommand extends ClientVerb {
    @Option(names = {"-i", "--input"}, description = "Read from tar archive file, instead of STDIN") String input;
    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;

    LoadCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (input == null && Terminal.stdinIsTerminal()) {
            throw new CliException(1, "requested load from stdin, but stdin is empty");
        }
        TarInput tar = TarInput.open(input == null ? "-" : input, session.in());
        JsonMessages.print(images().load(tar.in(), tar.length(), quiet), session.out());
        return 0;
    }
}
