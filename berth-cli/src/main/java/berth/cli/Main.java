package berth.cli;

import berth.client.ApiException;
import berth.client.DaemonUnavailableException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** {@code berth}: the CLI's entry point. Maps failures to docker's messages and exit codes. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Warmup.start();
        Session session = Session.system();
        int code = run(session, args);
        session.flush();
        System.exit(code);
    }

    static int run(Session session, String[] args) {
        CommandLine line = Verbs.commandLine(session, args);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> failed(session, e));
        line.setParameterExceptionHandler((e, badArgs) -> UsageErrors.report(session, e));
        return line.execute(args);
    }

    static int failed(Session session, Exception e) {
        return switch (e) {
            case CliException c -> {
                if (!c.getMessage().isEmpty()) {
                    session.err().println(c.getMessage());
                }
                yield c.exitCode();
            }
            case DaemonUnavailableException d -> print(session, d.getMessage(), 1);
            case ApiException a -> print(session, "Error response from daemon: " + a.getMessage(), 1);
            case TemplateException t -> print(session, "template parsing error: " + t.getMessage(), 1);
            case UncheckedIOException io -> print(session, "error during connect: " + io.getCause().getMessage(), 1);
            case IllegalArgumentException bad -> print(session, bad.getMessage(), 1);
            default -> throw new IllegalStateException(e);
        };
    }

    private static int print(Session session, String message, int code) {
        session.err().println(message);
        return code;
    }
}
