package berth.engine.view;

import java.util.List;

/** {@code GET /exec/{id}/json}. {@code exitCode} is null while running or before start. */
public record ExecInspect(
        String ID,
        boolean running,
        Integer exitCode,
        ProcessConfig processConfig,
        boolean openStdin,
        boolean openStderr,
        boolean openStdout,
        boolean canRemove,
        String containerID,
        String detachKeys,
        int pid) {

    public record ProcessConfig(boolean privileged, String user, boolean tty, String entrypoint,
                                List<String> arguments) {}
}
