package berth.engine;

import berth.common.Ids;
import berth.engine.model.ContainerConfig.Healthcheck;
import berth.engine.model.Health;
import berth.engine.model.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Docker's health checks: while a container runs, a virtual thread runs its probe (an exec) every interval
 * (every start interval while it is still starting within its start period), records each result in
 * State.Health (stored with the container, so inspect keeps it after the exit and across daemon restarts)
 * and publishes {@code health_status: <status>} when the status changes. A stop or exit ends the thread.
 */
final class HealthMonitor {
    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());
    /** Docker keeps this much of a probe's output. */
    static final int MAX_OUTPUT = 4096;

    /** Runs one probe in a container; an exec in the daemon, a script in unit tests. */
    interface Prober {
        ExecSessions.ProbeRun run(String id, List<String> cmd, Duration timeout) throws InterruptedException;
    }

    private final EngineContext ctx;
    private final Prober prober;
    private final Clock clock;
    private final Map<String, Thread> monitors = new ConcurrentHashMap<>();

    HealthMonitor(EngineContext ctx, Prober prober, Clock clock) {
        this.ctx = ctx;
        this.prober = prober;
        this.clock = clock;
    }

    /** After each start (and for running containers at daemon start): status starting, streak 0, log kept. */
    void started(Container c) {
        stopped(c.id());
        Healthcheck h = c.config().healthcheck();
        List<String> probe = HealthConfigs.probe(h);
        if (probe.isEmpty()) return;
        ctx.locked(c.id(), () -> ctx.index.find(c.id()).filter(now -> now.id().equals(c.id()))
                .ifPresent(now -> ctx.save(now.withHealth(now.health().restarted()))));
        Thread t = Thread.ofVirtual().name("health-" + Ids.shortId(c.id())).unstarted(() -> loop(c, h, probe));
        monitors.put(c.id(), t);
        t.start();
    }

    void stopped(String id) {
        Thread t = monitors.remove(id);
        if (t != null) t.interrupt();
    }

    private void loop(Container c, Healthcheck h, List<String> probe) {
        try {
            while (true) {
                Thread.sleep(nextWait(c.id(), h, c.startedAt()));
                if (!probeOnce(c, h, probe)) return;
            }
        } catch (InterruptedException stopped) {
            // the container stopped, or started again with a new monitor
        } finally {
            monitors.remove(c.id(), Thread.currentThread());
        }
    }

    /** Docker's interval: the start interval while still starting within the start period, else the interval. */
    private Duration nextWait(String id, Healthcheck h, Instant startedAt) {
        boolean inStartPeriod = Duration.between(startedAt, clock.instant()).compareTo(HealthConfigs.startPeriod(h)) < 0;
        boolean starting = ctx.index.find(id).map(c -> c.health().status().equals(Health.STARTING)).orElse(false);
        return inStartPeriod && starting ? HealthConfigs.startInterval(h) : HealthConfigs.interval(h);
    }

    /** False when the container no longer runs: the monitor ends. */
    private boolean probeOnce(Container c, Healthcheck h, List<String> probe) throws InterruptedException {
        String id = c.id();
        var now = ctx.index.find(id).filter(x -> x.id().equals(id));
        if (now.isEmpty() || !now.get().hasProcess()) return false;
        if (now.get().status() == Status.PAUSED) return true; // no probe into a frozen container
        Duration timeout = HealthConfigs.timeout(h);
        Instant start = clock.instant();
        ExecSessions.ProbeRun run;
        try {
            run = prober.run(id, probe, timeout);
        } catch (RuntimeException e) {
            run = new ExecSessions.ProbeRun(-1, e.getMessage() == null ? e.toString() : e.getMessage(), false);
        }
        String output = run.timedOut() ? "Health check exceeded timeout (" + GoDurations.format(timeout) + ")" : run.output();
        record(c, h, new Health.Result(start, clock.instant(), run.exitCode(), output));
        return true;
    }

    private void record(Container started, Healthcheck h, Health.Result result) {
        String id = started.id();
        var changed = ctx.locked(id, () -> ctx.index.find(id).filter(c -> c.id().equals(id) && c.hasProcess())
                .map(c -> {
                    Health before = c.health();
                    Health after = next(before, result, c.startedAt(), HealthConfigs.startPeriod(h), HealthConfigs.retries(h));
                    Container saved = ctx.save(c.withHealth(after));
                    return before.status().equals(after.status()) ? null : saved;
                }));
        changed.ifPresent(c -> ctx.events.container(c, "health_status: " + c.health().status()));
        if (changed.isEmpty()) LOG.finest(() -> "probe of " + id + " exited " + result.exitCode());
    }

    /**
     * Docker's rule: exit 0 is healthy and clears the streak; any other result adds to the streak, except
     * while starting within the start period, and makes the container unhealthy once the streak reaches
     * the retries. The last five results are kept.
     */
    static Health next(Health h, Health.Result r, Instant startedAt, Duration startPeriod, int retries) {
        if (r.exitCode() == 0) return h.with(Health.HEALTHY, 0, r);
        boolean grace = h.status().equals(Health.STARTING)
                && Duration.between(startedAt, r.start()).compareTo(startPeriod) < 0;
        if (grace) return h.with(h.status(), h.failingStreak(), r);
        int streak = h.failingStreak() + 1;
        return h.with(streak >= retries ? Health.UNHEALTHY : h.status(), streak, r);
    }
}
