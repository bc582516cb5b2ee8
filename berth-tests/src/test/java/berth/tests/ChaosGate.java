package berth.tests;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Tells the chaos clients when to send: while the daemon is down or being checked they wait, so that their
 * requests hit a daemon that is up (and get killed under them) rather than a missing socket.
 */
final class ChaosGate {
    private volatile boolean open;
    private volatile boolean finished;
    private volatile int epoch;
    /** Clients' steps share it; a check between kills takes it alone (fair: a waiting check stops new steps). */
    private final ReentrantReadWriteLock steps = new ReentrantReadWriteLock(true);

    /** A new daemon process answers: clients reconnect and go on. */
    void open() {
        epoch++;
        open = true;
    }

    void close() {
        open = false;
    }

    void finish() {
        finished = true;
    }

    int epoch() {
        return epoch;
    }

    /** Runs one client step (a few requests), never during a check. */
    void step(Runnable step) {
        steps.readLock().lock();
        try {
            step.run();
        } finally {
            steps.readLock().unlock();
        }
    }

    /** Runs {@code check} once every client step in flight has ended and before any new one begins. */
    void alone(Runnable check) {
        steps.writeLock().lock();
        try {
            check.run();
        } finally {
            steps.writeLock().unlock();
        }
    }

    /** Waits while closed; false once the run is over. */
    boolean awaitUp() {
        while (!open && !finished) BerthDaemon.sleep(Duration.ofMillis(20));
        return !finished;
    }
}
