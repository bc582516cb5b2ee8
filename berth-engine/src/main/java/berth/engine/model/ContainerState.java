package berth.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The State object of a container as Docker reports it. Times are RFC 3339 strings, Docker's zero time
 * ("0001-01-01T00:00:00Z") when the event has not happened.
 */
public record ContainerState(
        String status,
        boolean running,
        boolean paused,
        boolean restarting,
        @JsonProperty("OOMKilled") boolean oomKilled,
        boolean dead,
        int pid,
        int exitCode,
        String error,
        String startedAt,
        String finishedAt,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Health health) {

    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    public static ContainerState of(Status status, int pid, int exitCode, String error, String startedAt,
                                    String finishedAt) {
        // Docker counts a restarting container as running (its checks for stop, rm and kill rely on it)
        return new ContainerState(status.wire(), status.isActive(),
                status == Status.PAUSED, status == Status.RESTARTING, false, status == Status.DEAD, pid,
                exitCode, error, startedAt, finishedAt, null);
    }

    /** Health is left out (null) when the container has no health check, as Docker does. */
    public ContainerState withHealth(Health h) {
        return new ContainerState(status, running, paused, restarting, oomKilled, dead, pid, exitCode, error,
                startedAt, finishedAt, h);
    }

    public ContainerState withOomKilled(boolean killed) {
        return new ContainerState(status, running, paused, restarting, killed, dead, pid, exitCode, error, startedAt,
                finishedAt, health);
    }
}
