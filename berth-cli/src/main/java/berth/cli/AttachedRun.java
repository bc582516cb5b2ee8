package berth.cli;

import berth.client.Containers;
import berth.client.Hijack;
import berth.client.PendingWait;
import berth.client.StreamDemux;
import berth.client.WaitResult;
import java.io.IOException;

/**
 * docker's attached run, in its order: attach and register the wait before the start, so that neither the
 * first output nor a fast exit can be missed; then stream until EOF and take the exit code from the wait.
 */
final class AttachedRun implements AutoCloseable {
    private final Session session;
    private final Hijack hijack;
    private final PendingWait wait;

    private AttachedRun(Session session, Hijack hijack, PendingWait wait) {
        this.session = session;
        this.hijack = hijack;
        this.wait = wait;
    }

    /** {@code autoRemove}: wait for removal (--rm) rather than for the next exit. */
    static AttachedRun prepare(Session session, String id, boolean stdin, boolean tty, boolean autoRemove) {
        Containers containers = session.client().containers();
        Hijack hijack = containers.attach(id, stdin, tty);
        try {
            return new AttachedRun(session, hijack, containers.waitFor(id, autoRemove ? "removed" : "next-exit"));
        } catch (RuntimeException e) {
            hijack.close();
            throw e;
        }
    }

    /** Streams the output to our stdout/stderr until the container closes it, then returns its exit code. */
    int follow(boolean stdin) {
        if (stdin) {
            Thread.ofPlatform().daemon().name("stdin").start(this::pumpStdin);
        }
        StreamDemux.copy(hijack.in(), hijack.multiplexed(), session.out(), session.err());
        WaitResult result = wait.await();
        if (result.error().isPresent()) {
            session.err().println("Error waiting for container: " + result.error().get());
            return 125;
        }
        return result.statusCode();
    }

    /** -i without a TTY: our stdin to the container's, then a half-close so it sees EOF. */
    private void pumpStdin() {
        try {
            session.in().transferTo(hijack.out());
            hijack.closeWrite();
        } catch (IOException | RuntimeException e) {
            // the container went away first: its exit code tells the story
        }
    }

    @Override
    public void close() {
        hijack.close();
        wait.close();
    }
}
