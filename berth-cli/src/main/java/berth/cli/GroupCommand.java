package berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth container} / {@code berth image} without a sub-verb: print the group's usage. */
abstract class GroupCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @picocli.CommandLine.Command(name = "container", description = "Manage containers")
    static final class Container extends GroupCommand {}

    @picocli.CommandLine.Command(name = "image", description = "Manage images")
    static final class Image extends GroupCommand {}

    @picocli.CommandLine.Command(name = "network", description = "Manage networks")
    static final class Network extends GroupCommand {}

    @picocli.CommandLine.Command(name = "volume", description = "Manage volumes")
    static final class Volume extends GroupCommand {}

    @picocli.CommandLine.Command(name = "system", description = "Manage Docker")
    static final class System extends GroupCommand {}
}
