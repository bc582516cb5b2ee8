package berth.cli;

import berth.client.Containers;
import berth.client.Hijack;
import berth.client.PendingWait;
import berth.client.WaitResult;
import berth.common.DetachKeys;
import java.util.Optional;

/**
 * docker's attached run, in its order: attach and register the wait before the start, so that neither the
 * first output nor a fast exit can be missed; then stream until EOF and take the exit code from the wait.
 * With a TTY our terminal goes raw and its size follows the window; the detach keys leave the container
 * running and return 0.
 */
final class AttachedRun implements AutoCloseable {
    private final Session session;
    private final String id;
    private final Hijack hijack;
    private final PendingWait wait;
    private final boolean tty;
    private final DetachKeys keys;

    private AttachedRun(Session session, String id, Hijack hijack, PendingWait wait, boolean tty, DetachKeys keys) {
        this.session = session;
        this.id = id;
        this.hijack = hijack;
        this.wait = wait;
        this.tty = tty;
        this.keys = keys;
    }

    /** {@code waitCondition}: "removed" for --rm, else "next-exit". {@code detachKeys}: "" for the default. */
    static AttachedRun prepare(Session session, String id, boolean stdin, boolean tty, String waitCondition,
                               String detachKeys) {
        DetachKeys keys = parseKeys(detachKeys);
        Containers containers = session.client().containers();
        Hijack hijack = containers.attach(id, stdin, tty, detachKeys);
        try {
            return new AttachedRun(session, id, hijack, containers.waitFor(id, waitCondition), tty, keys);
        } catch (RuntimeException e) {
            hijack.close();
            throw e;
        }
    }

    static DetachKeys parseKeys(String spec) {
        try {
            return DetachKeys.parse(spec);
        } catch (RuntimeException e) {
            throw new CliException(125, e.getMessage());
        }
    }

    /** Streams the output to our stdout/stderr until the container closes it, then returns its exit code. */
    int follow(boolean stdin) {
        Containers containers = session.client().containers();
        Optional<TtySession> terminal = tty ? TtySession.enter((h, w) -> containers.resize(id, h, w)) : Optional.empty();
        StdinPump pump = null;
        try {
            if (stdin) pump = StdinPump.start(session.in(), hijack, tty ? Optional.of(keys) : Optional.empty());
            StdinPump.copyOutput(hijack, pump, session);
        } finally {
            terminal.ifPresent(TtySession::close);
        }
        if (pump != null && pump.detached()) return 0;
        WaitResult result = wait.await();
        if (result.error().isPresent()) {
            session.err().println("Error waiting for container: " + result.error().get());
            return 125;
        }
        return result.statusCode();
    }

    @Override
    public void close() {
        hijack.close();
        wait.close();
    }
}
