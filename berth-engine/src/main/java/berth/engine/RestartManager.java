package berth.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The restart policies' memory, per container, as Docker's restart manager keeps it: the back-off, whether
 * the user cancelled the policy for the current run (a stop or kill: Docker's ExitOnNext), and the restart
 * waiting for its delay. Nothing here is stored: the policy is read from the stored container at each exit
 * (so an update of the policy applies at the next exit), and a restarted daemon begins a fresh back-off.
 */
final class RestartManager {
    /** Runs a task after a delay; the handle cancels it. Virtual threads in the daemon, a fake in tests. */
    interface Scheduler {
        Runnable schedule(Duration delay, Runnable task);

        Scheduler VIRTUAL_THREADS = (delay, task) -> {
            Thread t = Thread.ofVirtual().name("restart").start(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return; // cancelled
                }
                task.run();
            });
            return t::interrupt;
        };
    }

    private record Entry(RestartBackoff backoff, boolean cancelled, Optional<Runnable> pending) {
        static final Entry FRESH = new Entry(RestartBackoff.NONE, false, Optional.empty());
    }

    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    RestartManager(Clock clock, Scheduler scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * At an exit: the wait before the policy's restart, or empty when the policy (or the user) says no.
     * The back-off advances at every exit, as Docker's does.
     */
    Optional<Duration> onExit(Container c, int exitCode, Instant at) {
        if (c.hostConfig().restartPolicy().name().equals("no")) return Optional.empty(); // nothing to remember
        Entry e = entries.getOrDefault(c.id(), Entry.FRESH);
        RestartBackoff next = e.backoff().next(Duration.between(c.startedAt(), at));
        entries.put(c.id(), new Entry(next, e.cancelled(), Optional.empty()));
        boolean restart = !e.cancelled() && RestartPolicies.shouldRestart(c.hostConfig().restartPolicy(), exitCode,
                c.restartCount(), c.manuallyStopped());
        return restart ? Optional.of(next.delay()) : Optional.empty();
    }

    /** Starts the container again after {@code delay} unless cancelled first. */
    void schedule(String id, Duration delay, Runnable restart) {
        Runnable cancel = scheduler.schedule(delay, () -> {
            entries.computeIfPresent(id, (k, e) -> new Entry(e.backoff(), e.cancelled(), Optional.empty()));
            restart.run();
        });
        entries.compute(id, (k, e) -> new Entry(e == null ? RestartBackoff.NONE : e.backoff(),
                e != null && e.cancelled(), Optional.of(cancel)));
    }

    /** The user stopped or killed the container: no policy restart at its next exit, nor a pending one. */
    void cancel(String id) {
        Entry e = entries.getOrDefault(id, Entry.FRESH);
        e.pending().ifPresent(Runnable::run);
        entries.put(id, new Entry(e.backoff(), true, Optional.empty()));
    }

    /** A start by the user: a fresh restart manager, as Docker makes one. */
    void reset(String id) {
        forget(id);
    }

    void forget(String id) {
        Entry e = entries.remove(id);
        if (e != null) e.pending().ifPresent(Runnable::run);
    }
}
