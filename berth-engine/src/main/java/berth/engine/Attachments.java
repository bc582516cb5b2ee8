package berth.engine;

import berth.common.BerthException;
import berth.common.DetachKeys;
import berth.engine.Engine.AttachOptions;
import berth.runtime.AttachStream;
import berth.runtime.LogEntry;
import berth.runtime.RuntimeFailure;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Clients attached to containers' stdio. A client that attaches before the start (the docker CLI does,
 * so as to miss nothing) waits here and is connected between the runtime's create and start.
 */
final class Attachments {
    private final EngineContext ctx;
    private final LogService logs;
    private final Map<String, List<CompletableFuture<AttachStream>>> pending = new ConcurrentHashMap<>();

    Attachments(EngineContext ctx, LogService logs) {
        this.ctx = ctx;
        this.logs = logs;
    }

    /** {@code registered} runs once the client is registered for the next start (see {@link Engine#attach}). */
    void attach(String ref, AttachOptions o, Runnable registered, InputStream stdin, Predicate<LogEntry> sink) {
        Container c = ctx.index.get(ref);
        Optional<DetachKeys> keys = c.config().tty() ? Optional.of(DetachKeys.parse(o.detachKeys())) : Optional.empty();
        Predicate<LogEntry> wanted = e -> e.stream() == LogEntry.Stream.STDOUT ? o.stdout() : o.stderr();
        Optional<CompletableFuture<AttachStream>> future = o.stream() ? Optional.of(register(c.id())) : Optional.empty();
        try {
            registered.run();
        } catch (RuntimeException e) {
            future.ifPresent(f -> withdraw(c.id(), f));
            throw e;
        }
        if (o.logs()) logs.replay(c, wanted, sink);
        if (future.isEmpty()) return;
        Optional<AttachStream> stream = await(future.get());
        if (stream.isEmpty()) return;
        boolean withStdin = o.stdin() && c.config().openStdin();
        var input = withStdin
                ? new StreamPump.Input(stdin, keys, c.config().stdinOnce() && !c.config().tty())
                : StreamPump.Input.none();
        StreamPump.run(stream.get(), input, e -> !wanted.test(e) || sink.test(e));
    }

    /** Connects now when running, else registers for the next start. */
    private CompletableFuture<AttachStream> register(String id) {
        return ctx.locked(id, () -> {
            var f = new CompletableFuture<AttachStream>();
            Container now = ctx.index.find(id).orElseThrow(() -> BerthException.notFound("No such container: " + id));
            if (now.isActive()) complete(id, f);
            else pending.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            return f;
        });
    }

    /** A client that could not be answered: out of the list, its stream (if any) closed. */
    private void withdraw(String id, CompletableFuture<AttachStream> f) {
        ctx.locked(id, () -> {
            var waiting = pending.get(id);
            if (waiting != null) waiting.remove(f);
        });
        f.cancel(false);
        if (f.isDone() && !f.isCancelled() && !f.isCompletedExceptionally()) f.join().close();
    }

    /** The stream once the container starts; empty when it goes first. */
    private static Optional<AttachStream> await(CompletableFuture<AttachStream> future) {
        try {
            return Optional.of(future.get());
        } catch (ExecutionException | CancellationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void complete(String id, CompletableFuture<AttachStream> f) {
        try {
            f.complete(ctx.runtime.attach(id));
        } catch (RuntimeFailure e) {
            f.completeExceptionally(e);
        }
    }

    /** Called under the container's lock, after the runtime created the container and before it starts. */
    void created(String id) {
        List<CompletableFuture<AttachStream>> waiting = pending.remove(id);
        if (waiting != null) waiting.forEach(f -> complete(id, f));
    }

    /** The container is gone: clients waiting for its start give up. */
    void removed(String id) {
        List<CompletableFuture<AttachStream>> waiting = pending.remove(id);
        if (waiting != null) waiting.forEach(f -> f.cancel(false));
    }
}
