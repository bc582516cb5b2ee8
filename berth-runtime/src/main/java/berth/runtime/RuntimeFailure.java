package berth.runtime;

/** The OCI runtime or the monitor refused or failed; the message is the runtime's own. */
public sealed class RuntimeFailure extends RuntimeException permits ExecFailure, SpecFailure {
    public RuntimeFailure(String message) { super(message); }
    public RuntimeFailure(String message, Throwable cause) { super(message, cause); }

    /** Docker reports these as the user's mistake (exit code 127 / 126 at the CLI, 400 on the API). runc
     * says "executable file not found in $PATH", crun "executable file `x` not found in $PATH: No such
     * file or directory". */
    public boolean isCommandProblem() {
        String m = getMessage().toLowerCase(java.util.Locale.ROOT);
        return m.contains("executable file not found") || m.matches("(?s).*executable file `.*` not found.*") || m.contains("no such file or directory")
                || m.contains("permission denied") || m.contains("not a directory");
    }
}
