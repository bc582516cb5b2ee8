package berth.engine;

import java.time.Duration;

/**
 * Docker's wait before a policy restart: 100 ms, doubled at each restart up to one minute, and back to
 * 100 ms after a run of 10 seconds or more. {@code delay} is the last wait given (zero before the first).
 */
record RestartBackoff(Duration delay) {
    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofMinutes(1);
    static final Duration LONG_RUN = Duration.ofSeconds(10);
    static final RestartBackoff NONE = new RestartBackoff(Duration.ZERO);

    /** The wait after a run that lasted {@code ranFor}. */
    RestartBackoff next(Duration ranFor) {
        Duration last = ranFor.compareTo(LONG_RUN) >= 0 ? Duration.ZERO : delay;
        Duration d = last.isZero() ? FIRST : last.compareTo(MAX) < 0 ? last.multipliedBy(2) : last;
        return new RestartBackoff(d.compareTo(MAX) > 0 ? MAX : d);
    }
}
