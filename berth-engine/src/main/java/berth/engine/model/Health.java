package berth.engine.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's State.Health: the status ("starting", "healthy", "unhealthy"; "none" when the container has no
 * health check, which the API leaves out), the failing streak, and the last five probe results.
 */
public record Health(String status, int failingStreak, List<Result> log) {
    public static final String NONE = "none";
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    /** Docker keeps this many probe results. */
    public static final int MAX_LOG = 5;
    public static final Health ABSENT = new Health(NONE, 0, List.of());

    public Health {
        log = log == null ? List.of() : List.copyOf(log);
        status = status == null || status.isEmpty() ? NONE : status;
    }

    /** One probe run: ExitCode -1 when it timed out or could not run. */
    public record Result(Instant start, Instant end, int exitCode, String output) {}

    public boolean isPresent() {
        return !status.equals(NONE);
    }

    /** At each start Docker resets the status to starting and the streak to 0, keeping the log. */
    public Health restarted() {
        return new Health(STARTING, 0, log);
    }

    public Health with(String newStatus, int streak, Result result) {
        List<Result> all = new ArrayList<>(log);
        all.add(result);
        if (all.size() > MAX_LOG) all = all.subList(all.size() - MAX_LOG, all.size());
        return new Health(newStatus, streak, all);
    }

    /** What {@code docker ps} shows in brackets after "Up ...". */
    public String summary() {
        return status.equals(STARTING) ? "health: starting" : status;
    }
}
