package berth.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Option;

/**
 * {@code berth logout}: forgets the server's credentials, under each name docker may have stored them
 * ({@code host}, {@code http://host}, {@code https://host}). Like docker 28, it says it removes them even when
 * none were stored, and only warns when every removal failed.
 */
@Command(name = "logout", description = "Log out from a registry")
final class LogoutCommand extends ClientVerb {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER") String server;

    LogoutCommand(Session session) { super(session); }

    @Override
    public Integer call() {
        String address = LoginCommand.serverAddress(server);
        Set<String> names = new LinkedHashSet<>();
        names.add(address);
        if (!address.equals(ImageName.INDEX_SERVER)) {
            names.add("http://" + address);
            names.add("https://" + address);
        }
        session.out().println("Removing login credentials for " + address);
        DockerConfig config = DockerConfig.load(session);
        int failed = 0;
        StringBuilder warnings = new StringBuilder();
        for (String name : names) {
            try {
                config.storeFor(name, session).erase(name);
            } catch (CliException e) {
                failed++;
                warnings.append("WARNING: could not erase credentials: ").append(name).append(": ")
                        .append(e.getMessage()).append('\n');
            }
        }
        if (failed == names.size()) {
            session.err().print(warnings);
        }
        return 0;
    }
}
