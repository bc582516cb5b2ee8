package berth.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --userns} of run and create (a picocli mixin, inside {@link ContainerOptions}). */
final class UsernsOptions {
    @Option(names = "--userns", description = "User namespace to use (\"host\": the host's, when the daemon remaps)")
    String userns;

    /** docker's rule: "host", or empty for the daemon's choice. */
    Optional<String> spec() {
        if (userns != null && !userns.isEmpty() && !userns.equals("host")) {
            throw new IllegalArgumentException("--userns: invalid USER mode");
        }
        return Optional.ofNullable(userns).filter(u -> !u.isEmpty());
    }
}
