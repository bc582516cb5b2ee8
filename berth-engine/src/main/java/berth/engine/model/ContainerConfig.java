package berth.engine.model;

import java.util.List;
import java.util.Map;

/**
 * Docker's container configuration ("Config" in create bodies and in inspect), as given by the client and
 * stored unchanged; image defaults are merged into a copy at create time. Field names map to Docker's
 * UpperCamelCase JSON through {@link berth.common.Json#docker()}. Lists and maps are null when the client
 * left them out, because Docker distinguishes "not given" (use the image's) from "empty" (none), e.g. for
 * Entrypoint. Healthcheck is null when not given (the image's applies).
 */
public record ContainerConfig(
        String hostname,
        String domainname,
        String user,
        boolean attachStdin,
        boolean attachStdout,
        boolean attachStderr,
        Map<String, Object> exposedPorts,
        boolean tty,
        boolean openStdin,
        boolean stdinOnce,
        List<String> env,
        List<String> cmd,
        String image,
        Map<String, Object> volumes,
        String workingDir,
        List<String> entrypoint,
        Map<String, String> labels,
        String stopSignal,
        Integer stopTimeout,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Healthcheck healthcheck) {

    public ContainerConfig withHostname(String newHostname) {
        return new ContainerConfig(newHostname, domainname, user, attachStdin, attachStdout, attachStderr,
                exposedPorts, tty, openStdin, stdinOnce, env, cmd, image, volumes, workingDir, entrypoint,
                labels, stopSignal, stopTimeout, healthcheck);
    }

    /**
     * Docker's HEALTHCHECK: Test is {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]},
     * an empty list inherits the image's; durations are nanoseconds, 0 meaning the default.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
    public record Healthcheck(List<String> test, long interval, long timeout, long startPeriod, long startInterval,
                              int retries) {}
}
