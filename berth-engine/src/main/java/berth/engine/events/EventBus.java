package berth.engine.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The daemon's events: published by the engine as things happen, kept in a bounded ring of the most recent
 * ones (replayed to subscribers that ask for {@code since}), and fanned out to live subscribers. Publishing
 * never blocks: a subscriber that falls {@link Subscription#CAPACITY} events behind misses the newer ones,
 * as a slow client does with Docker.
 */
public final class EventBus implements AutoCloseable {
    /** Docker keeps 256; a little more history costs a few hundred KB at most. */
    public static final int RING_SIZE = 1024;

    private final Clock clock;
    private final Deque<Event> ring = new ArrayDeque<>(RING_SIZE);
    private final Set<Subscription> subscribers = new CopyOnWriteArraySet<>();
    private Instant last = Instant.EPOCH;

    public EventBus(Clock clock) {
        this.clock = clock;
    }

    public EventBus() {
        this(Clock.systemUTC());
    }

    /** Stamps the event with the current time (never earlier than the previous one) and delivers it. */
    public void publish(Event event) {
        Event stamped;
        synchronized (this) {
            Instant now = clock.instant();
            last = now.isAfter(last) ? now : last;
            stamped = event.at(last);
            if (ring.size() == RING_SIZE) ring.removeFirst();
            ring.addLast(stamped);
            // under the lock, so that a new subscriber sees each event once: in its backlog or live
            subscribers.forEach(s -> s.offer(stamped));
        }
    }

    /**
     * Subscribes from now on. The backlog holds the remembered events between {@code since} and
     * {@code until} that pass the filter; it is empty when neither is given, as in Docker.
     */
    public synchronized Subscription subscribe(Optional<Instant> since, Optional<Instant> until, EventFilter filter) {
        List<Event> backlog = new ArrayList<>();
        if (since.isPresent() || until.isPresent()) {
            for (Event e : ring) {
                if (since.isPresent() && e.time().isBefore(since.get())) continue;
                if (until.isPresent() && e.time().isAfter(until.get())) continue;
                if (filter.test(e)) backlog.add(e);
            }
        }
        var s = new Subscription(backlog, filter, subscribers::remove);
        subscribers.add(s);
        return s;
    }

    /** Ends every subscription (daemon shutdown): their streams finish. */
    @Override
    public void close() {
        subscribers.forEach(Subscription::close);
    }

    int subscriberCount() {
        return subscribers.size();
    }
}
