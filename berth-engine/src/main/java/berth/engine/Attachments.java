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

    void attach(String ref, AttachOptions o, InputStream stdin, Predicate<LogEntry> sink) {
        Container c = ctx.index.get(ref);
        Optional<DetachKeys> keys = c.config().tty() ? Optional.of(DetachKeys.parse(o.detachKeys())) : Optional.empty();
        Predicate<LogEntry> wanted = e -> e.stream() == LogEntry.Stream.STDOUT ? o.stdout() : o.stderr();
        if (o.logs()) logs.replay(c, wanted, sink);
        if (!o.stream()) return;
        Optional<AttachStream> stream = connect(c.id());
        if (stream.isEmpty()) return;
        boolean withStdin = o.stdin() && c.config().openStdin();
        var input = withStdin
                ? new StreamPump.Input(stdin, keys, c.config().stdinOnce() && !c.config().tty())
                : StreamPump.Input.none();
        StreamPump.run(stream.get(), input, e -> !wanted.test(e) || sink.test(e));
    }

    /** Connects now when running, else waits for the next start; empty when the container goes first. */
    private Optional<AttachStream> connect(String id) {
        CompletableFuture<AttachStream> future = ctx.locked(id, () -> {
            var f = new CompletableFuture<AttachStream>();
            Container now = ctx.index.find(id).orElseThrow(() -> BerthException.notFound("No such container: " + id));
            if (now.isActive()) complete(id, f);
            else pending.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            return f;
        });
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
