package berth.engine.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One listener of the {@link EventBus}: the remembered events it asked for, then live ones through
 * {@link #next}. Closing it (client gone, daemon stopping) wakes a reader blocked in {@code next}.
 */
public final class Subscription implements AutoCloseable {
    static final int CAPACITY = 1024;
    /** Put on the queue to wake the reader at close. */
    private static final Event CLOSED = new Event(Event.Type.DAEMON, "", "", java.util.Map.of(), Instant.EPOCH);

    private final List<Event> backlog;
    private final EventFilter filter;
    private final Consumer<Subscription> onClose;
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>(CAPACITY);
    private volatile boolean closed;

    Subscription(List<Event> backlog, EventFilter filter, Consumer<Subscription> onClose) {
        this.backlog = List.copyOf(backlog);
        this.filter = filter;
        this.onClose = onClose;
    }

    /** Remembered events that matched {@code since}/{@code until} and the filter, oldest first. */
    public List<Event> backlog() {
        return backlog;
    }

    /** The next matching event; empty once {@code deadline} passes or the subscription is closed. Blocking. */
    public Optional<Event> next(Instant deadline) throws InterruptedException {
        while (!closed) {
            Instant now = Instant.now();
            if (!now.isBefore(deadline)) return Optional.empty();
            // Instant.MAX is "no deadline": wake up now and then rather than overflow a Duration
            long wait = deadline.isAfter(now.plusSeconds(60)) ? 60_000 : Duration.between(now, deadline).toMillis() + 1;
            Event e = queue.poll(wait, TimeUnit.MILLISECONDS);
            if (e == CLOSED) return Optional.empty();
            if (e != null) return Optional.of(e);
        }
        return Optional.empty();
    }

    void offer(Event e) {
        if (!closed && filter.test(e)) queue.offer(e); // full: this slow reader misses it
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        onClose.accept(this);
        queue.clear();
        queue.offer(CLOSED);
    }
}
