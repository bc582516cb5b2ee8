package berth.engine.view;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    /** Docker spells these fields in lower case, unlike the rest of the API. */
    public record ProcessConfig(@JsonProperty("privileged") boolean privileged, @JsonProperty("user") String user,
                                @JsonProperty("tty") boolean tty, @JsonProperty("entrypoint") String entrypoint,
                                @JsonProperty("arguments") List<String> arguments) {}
}
