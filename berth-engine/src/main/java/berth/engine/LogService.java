package berth.engine;

import berth.engine.Engine.LogOptions;
import berth.runtime.LogEntry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Container output from the monitor's log file: {@code logs} (with tail, since, until, follow) and the
 * replay of an attach with {@code logs=1}.
 */
final class LogService {
    private final EngineContext ctx;

    LogService(EngineContext ctx) {
        this.ctx = ctx;
    }

    void logs(String ref, LogOptions o, Predicate<LogEntry> sink) {
        Container c = ctx.index.get(ref);
        Predicate<LogEntry> wanted = e -> (e.stream() == LogEntry.Stream.STDOUT ? o.stdout() : o.stderr())
                && !e.time().isBefore(o.since()) && !e.time().isAfter(o.until());
        long skip = skipForTail(c, o.tail(), wanted);
        BooleanSupplier running = () -> o.follow() && ctx.index.find(c.id()).map(Container::isActive).orElse(false);
        read(c, o.follow(), running, skip, wanted, sink);
    }

    private long skipForTail(Container c, String tail, Predicate<LogEntry> wanted) {
        if (tail == null || tail.isEmpty() || tail.equals("all")) return 0;
        long n;
        try {
            n = Long.parseLong(tail);
        } catch (NumberFormatException e) {
            return 0;
        }
        if (n < 0) return 0;
        long total = count(c, wanted);
        return Math.max(0, total - n);
    }

    /** What the container wrote so far ({@code logs=1} of an attach). */
    void replay(Container c, Predicate<LogEntry> wanted, Predicate<LogEntry> sink) {
        read(c, false, () -> false, 0, wanted, sink);
    }

    /** Feeds the {@code wanted} entries of the log to {@code sink}, passing over the first {@code skip}. */
    private void read(Container c, boolean follow, BooleanSupplier running, long skip, Predicate<LogEntry> wanted,
                      Predicate<LogEntry> sink) {
        AtomicLong seen = new AtomicLong();
        ctx.logReader.read(ctx.paths.log(c.id()), follow, running,
                e -> !wanted.test(e) || seen.incrementAndGet() <= skip || sink.test(e));
    }

    private long count(Container c, Predicate<LogEntry> wanted) {
        AtomicLong n = new AtomicLong();
        ctx.logReader.read(ctx.paths.log(c.id()), false, () -> false, e -> {
            if (wanted.test(e)) n.incrementAndGet();
            return true;
        });
        return n.get();
    }
}
