package berth.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash safety (issue 6, item 5): several clients create, start, stop, remove and commit containers, import
 * and remove images, create, fill and remove volumes, while berthd is killed with SIGKILL at random moments
 * (some during its own start-up) and restarted on the same roots, many times over. After each restart nothing
 * half-made may be visible; at the end everything the clients were told exists must exist and work, nothing
 * confirmed gone may be back, and once everything is removed and the daemon stopped, no mount, veth, netns
 * file, cgroup, monitor or runtime process, nor file of a removed object, may remain.
 *
 * <p>Bounded for {@code make test}: {@code BERTH_CHAOS_KILLS} kills (default 20) within
 * {@code BERTH_CHAOS_SECONDS} (default 100) of chaos; e.g. {@code BERTH_CHAOS_KILLS=100 BERTH_CHAOS_SECONDS=900}
 * for a long run. {@code BERTH_CHAOS_SEED} replays a run's random choices (the daemon's timing still varies).
 */
class ChaosTest {
    private static final int WORKERS = 4;

    @Test
    @Timeout(value = 90, unit = TimeUnit.MINUTES) // the run bounds itself; this only catches a hang
    void killsNineLoseNothingConfirmedAndLeaveNothingBehind() throws Exception {
        int kills = Integer.parseInt(env("BERTH_CHAOS_KILLS", "20"));
        var budget = Duration.ofSeconds(Long.parseLong(env("BERTH_CHAOS_SECONDS", "100")));
        long seed = Long.parseLong(env("BERTH_CHAOS_SEED", Long.toString(System.nanoTime())));
        var random = new Random(seed);
        var ledger = new ChaosLedger();
        var gate = new ChaosGate();
        var report = new Report(seed);
        try (var daemon = BerthDaemon.start()) {
            Path tar = daemon.busyboxTar();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++)
                workers.add(Thread.ofPlatform().name("chaos-w" + w).start(
                        new ChaosWorker("w" + w, ledger, gate, daemon.socket(), tar, random.nextLong())));
            gate.open();
            var deadline = Instant.now().plus(budget);
            while (report.kills < kills && Instant.now().isBefore(deadline)) {
                // a random moment once the clients got something done since the restart, however slow the machine
                awaitProgress(ledger, ledger.confirmed.get());
                BerthDaemon.sleep(Duration.ofMillis(random.nextInt(2500)));
                ledger.trace("KILL");
                crashAndRestart(daemon, gate, random, report, ledger);
                ledger.trace("RESTARTED");
                gate.alone(() -> {
                    var checks = new ChaosChecks(daemon);
                    checks.listedObjectsAreWhole();
                    report.add(checks);
                });
                gate.open();
            }
            gate.finish();
            for (Thread t : workers) t.join(Duration.ofMinutes(2));
            try {
                finalChecks(daemon, ledger, report);
            } finally {
                java.nio.file.Files.createDirectories(Path.of("target", "chaos"));
                java.nio.file.Files.copy(daemon.log(), Path.of("target", "chaos", "berthd-" + seed + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            daemon.stop();
            report.leftovers.addAll(ChaosLeftovers.afterStop(daemon));
            daemon.close();
            report.leftovers.addAll(ChaosLeftovers.afterCleanup(daemon));
        } finally {
            System.out.println(report.summary(ledger));
            keepTrace(ledger, seed);
        }
        assertThat(ledger.clientFailures()).as("clients that died").isEmpty();
        assertThat(ledger.lost()).as("confirmed objects the daemon lost").isEmpty();
        assertThat(report.problems).as("problems found after the chaos").isEmpty();
        assertThat(report.leftovers).as("leftovers after removal, stop and cleanup").isEmpty();
        assertThat(report.kills).as("kills").isGreaterThanOrEqualTo(Math.min(kills, 3));
        assertThat(ledger.confirmed.get()).as("confirmed operations").isGreaterThanOrEqualTo(report.kills - report.killsDuringStart);
    }

    private static void awaitProgress(ChaosLedger ledger, int confirmed) {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (ledger.confirmed.get() == confirmed && Instant.now().isBefore(deadline))
            BerthDaemon.sleep(Duration.ofMillis(10));
    }

    /** SIGKILL; one restart in five is killed again during its start-up, before it answers. */
    private static void crashAndRestart(BerthDaemon daemon, ChaosGate gate, Random random, Report report,
                                        ChaosLedger ledger) throws Exception {
        gate.close(); // requests in flight go on and meet the kill; no new ones start until the restart
        ledger.kills.incrementAndGet();
        daemon.kill9();
        report.kills++;
        if (random.nextInt(5) == 0) {
            daemon.restartWithoutWaiting();
            BerthDaemon.sleep(Duration.ofMillis(random.nextInt(800)));
            if (daemon.alive()) {
                ledger.kills.incrementAndGet();
                daemon.kill9();
                report.kills++;
                report.killsDuringStart++;
            } else {
                daemon.awaitReady(); // fails with the daemon's log
            }
        }
        daemon.restart();
    }

    private static void finalChecks(BerthDaemon daemon, ChaosLedger ledger, Report report) throws Exception {
        var checks = new ChaosChecks(daemon);
        checks.listedObjectsAreWhole();
        checks.ledgerHolds(ledger);
        checks.volumesWork(ledger);
        checks.imagesRun();
        checks.containersRun();
        checks.removeEverything();
        // a clean restart: the daemon's start-up sweeps are part of what must leave nothing behind
        daemon.stop();
        daemon.restart();
        var busybox = daemon.client().inspectImageCmd(Containers.IMAGE).exec();
        Set<String> keepDirs = new HashSet<>(Set.of("empty"));
        Set<String> keepBlobs = new HashSet<>(Set.of(busybox.getId().substring("sha256:".length())));
        for (String dir : ChaosChecks.layerDirs(daemon, busybox.getId()))
            keepDirs.add(Path.of(dir).getParent().getFileName().toString());
        for (String layer : busybox.getRootFS().getLayers()) keepBlobs.add(layer.substring("sha256:".length()));
        ChaosLeftovers.onDisk(daemon, keepDirs, keepBlobs).forEach(f -> checks.problem("leftover-file", f));
        report.add(checks);
    }

    /** The clients' calls and the daemon's log, under target/chaos/, for a run that needs explaining. */
    private static void keepTrace(ChaosLedger ledger, long seed) throws java.io.IOException {
        var dir = Path.of("target", "chaos");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve("trace-" + seed + ".log"), ledger.trace());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The counts the test prints (and the problems it fails on). */
    private static final class Report {
        final long seed;
        int kills;
        int killsDuringStart;
        final Map<String, List<String>> problems = new java.util.TreeMap<>();
        final List<String> leftovers = new ArrayList<>();

        Report(long seed) {
            this.seed = seed;
        }

        void add(ChaosChecks checks) {
            checks.problems.forEach((k, v) -> problems.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }

        String summary(ChaosLedger ledger) {
            var out = new StringBuilder("chaos: seed=" + seed + " kills=" + kills + " (" + killsDuringStart
                    + " during start-up) confirmed=" + ledger.confirmed + " refused=" + ledger.refused
                    + " (5xx " + ledger.serverErrors + ") in-doubt=" + ledger.inDoubt + " not-sent=" + ledger.notSent
                    + " lost=" + (ledger.lost().size() + count("lost")) + " resurrected=" + count("resurrected")
                    + " half-made=" + count("half-made") + " broken=" + count("broken")
                    + " leftovers=" + (leftovers.size() + count("leftover-file")) + "\n");
            ledger.lost().forEach(l -> out.append("  lost: ").append(l).append('\n'));
            ledger.clientFailures().forEach(l -> out.append("  client failed: ").append(l).append('\n'));
            problems.forEach((k, v) -> v.forEach(p -> out.append("  ").append(k).append(": ").append(p).append('\n')));
            leftovers.forEach(l -> out.append("  leftover: ").append(l).append('\n'));
            ledger.errorSamples().forEach(e -> out.append("  5xx: ").append(e).append('\n'));
            return out.toString();
        }

        private int count(String category) {
            return problems.getOrDefault(category, List.of()).size();
        }
    }
}
