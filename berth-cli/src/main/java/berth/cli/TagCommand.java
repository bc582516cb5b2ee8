package berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth tag SOURCE TARGET}: TARGET without a tag means ":latest". */
@Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
final class TagCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]") String source;
    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]") String target;

    TagCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        if (target.contains("@")) {
            throw new CliException(1, "refusing to create a tag with a digest reference");
        }
        images().tag(source, ImageRows.repository(target), ImageRows.tag(target));
        return 0;
    }
}
