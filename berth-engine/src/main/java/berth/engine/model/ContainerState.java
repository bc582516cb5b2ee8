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
        String finishedAt) {

    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    public static ContainerState of(Status status, int pid, int exitCode, String error, String startedAt,
                                    String finishedAt) {
        return new ContainerState(status.wire(), status == Status.RUNNING || status == Status.PAUSED,
                status == Status.PAUSED, status == Status.RESTARTING, false, status == Status.DEAD, pid,
                exitCode, error, startedAt, finishedAt);
    }

    public ContainerState withOomKilled(boolean killed) {
        return new ContainerState(status, running, paused, restarting, killed, dead, pid, exitCode, error, startedAt,
                finishedAt);
    }
}
