package berth.runtime;

/** The runtime could not execute an exec's command: Docker reports 127 for a missing file, 126 otherwise. */
public final class ExecFailure extends RuntimeFailure {
    private final int exitCode;

    ExecFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
