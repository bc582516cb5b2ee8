package berth.cli;

/** Ends the command with docker's exit code after printing {@code message} (if any) on stderr. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() { return exitCode; }
}
