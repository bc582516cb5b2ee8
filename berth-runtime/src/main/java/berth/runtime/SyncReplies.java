package berth.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * conmon's replies on its sync pipe: the process's pid (or -1 and why), and for an exec then its exit code.
 * Each is empty when conmon closed the pipe without sending it. A container's monitor keeps the pipe open
 * for as long as it runs, so for a container only the first reply is read and the pipe closed.
 */
final class SyncReplies {
    private final Path fifo;
    private final boolean exitToo;
    private final CompletableFuture<Optional<String>> first = new CompletableFuture<>();
    private final CompletableFuture<Optional<String>> second = new CompletableFuture<>();
    private boolean firstTaken;

    private SyncReplies(Path fifo, boolean exitToo) {
        this.fifo = fifo;
        this.exitToo = exitToo;
    }

    /** An exec's pid and exit code. Starts reading at once: open(2) blocks until conmon's shell opens the
     * write end. A platform thread: the read lasts as long as the exec (see {@link Conmon#startBlockingReader}). */
    static SyncReplies exec(Path fifo) {
        return start(new SyncReplies(fifo, true));
    }

    /** A container's pid only. */
    static SyncReplies container(Path fifo) {
        return start(new SyncReplies(fifo, false));
    }

    private static SyncReplies start(SyncReplies replies) {
        Thread.ofPlatform().daemon().name("conmon-sync").start(replies::readAll);
        return replies;
    }

    private void readAll() {
        try (BufferedReader in = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
            first.complete(Optional.ofNullable(in.readLine()));
            if (exitToo) second.complete(Optional.ofNullable(in.readLine()));
        } catch (IOException e) {
            // conmon is gone: what was not said stays empty
        } finally {
            first.complete(Optional.empty());
            second.complete(Optional.empty());
        }
    }

    /** Completes with the first reply, without taking it. */
    CompletableFuture<Optional<String>> peek() {
        return first;
    }

    /** The next reply; throws after {@code timeout}, releasing a reader still blocked in open(2). */
    synchronized Optional<String> next(Duration timeout) {
        var reply = firstTaken ? second : first;
        firstTaken = true;
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Conmon.unblock(fifo);
            throw new RuntimeFailure("conmon did not report within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new RuntimeFailure("reading conmon's sync pipe: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while waiting for conmon", e);
        }
    }

    /** Waits without limit for the exit code (the process may run for days). */
    Optional<String> exit() throws InterruptedException {
        try {
            return second.get();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }
}
