package berth.engine.model;

import java.util.List;

/** The body of {@code POST /containers/{id}/exec}. Lists are null when not given. */
public record ExecConfig(boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean tty,
                         List<String> env, List<String> cmd, String workingDir, String user,
                         boolean privileged, String detachKeys) {}
