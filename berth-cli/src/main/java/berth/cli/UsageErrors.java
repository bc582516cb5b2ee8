package berth.cli;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Docker's wording and exit codes for bad command lines: 125 for flags, 1 for missing arguments. */
final class UsageErrors {
    private UsageErrors() {}

    static int report(Session session, ParameterException e) {
        String name = e.getCommandLine().getCommandSpec().qualifiedName(" ");
        if (e instanceof MissingParameterException) {
            session.err().println("berth: '" + name + "' requires at least 1 argument");
            session.err().println();
            session.err().println("See '" + name + " --help' for more information");
            return 1;
        }
        session.err().println(message(e));
        session.err().println("See '" + name + " --help'.");
        return 125;
    }

    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().getFirst();
            if (arg.startsWith("--")) {
                return "unknown flag: " + arg.split("=", 2)[0];
            }
            if (arg.startsWith("-")) {
                return "unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg;
            }
            return "berth: '" + arg + "' is not a berth command.";
        }
        return "invalid argument: " + e.getMessage();
    }
}
