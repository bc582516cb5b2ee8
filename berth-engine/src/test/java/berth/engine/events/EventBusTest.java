package berth.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private final AtomicLong seconds = new AtomicLong(1000);
    private final EventBus bus = new EventBus(new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochSecond(seconds.get()); }
    });

    private static Event container(String action, String name) {
        return new Event(Event.Type.CONTAINER, action, "c0ffee" + name, Map.of("name", name), Instant.EPOCH);
    }

    private static Optional<Instant> at(long s) {
        return Optional.of(Instant.ofEpochSecond(s));
    }

    @Test
    void replaysOnlyWhenSinceOrUntilIsGiven() {
        bus.publish(container("create", "a"));
        assertThat(bus.subscribe(Optional.empty(), Optional.empty(), EventFilter.all()).backlog()).isEmpty();
        assertThat(bus.subscribe(at(0), Optional.empty(), EventFilter.all()).backlog()).hasSize(1);
    }

    @Test
    void sinceAndUntilBoundTheReplay() {
        bus.publish(container("create", "a"));
        seconds.set(2000);
        bus.publish(container("start", "a"));
        seconds.set(3000);
        bus.publish(container("die", "a"));
        var backlog = bus.subscribe(at(1500), at(2500), EventFilter.all()).backlog();
        assertThat(backlog).extracting(Event::action).containsExactly("start");
        assertThat(backlog.getFirst().time()).isEqualTo(Instant.ofEpochSecond(2000));
    }

    @Test
    void theRingForgetsTheOldest() {
        for (int i = 0; i < EventBus.RING_SIZE + 5; i++) bus.publish(container("start", "n" + i));
        var backlog = bus.subscribe(at(0), Optional.empty(), EventFilter.all()).backlog();
        assertThat(backlog).hasSize(EventBus.RING_SIZE);
        assertThat(backlog.getFirst().attributes()).containsEntry("name", "n5");
    }

    @Test
    void timesNeverGoBackwards() {
        bus.publish(container("create", "a"));
        seconds.set(10); // the clock stepped back
        bus.publish(container("start", "a"));
        var backlog = bus.subscribe(at(0), Optional.empty(), EventFilter.all()).backlog();
        assertThat(backlog.get(1).time()).isEqualTo(backlog.get(0).time());
    }

    @Test
    void liveSubscribersGetMatchingEventsUntilClosed() throws Exception {
        var sub = bus.subscribe(Optional.empty(), Optional.empty(),
                new EventFilter(Map.of("event", java.util.List.of("die"))));
        bus.publish(container("start", "a"));
        bus.publish(container("die", "a"));
        assertThat(sub.next(Instant.now().plusSeconds(5))).map(Event::action).contains("die");
        assertThat(sub.next(Instant.now().plusMillis(50))).isEmpty();
        var waiter = Thread.ofVirtual().start(() -> {
            try {
                assertThat(sub.next(Instant.MAX)).isEmpty();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        sub.close();
        waiter.join(5000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(bus.subscriberCount()).isZero();
    }

    @Test
    void aSlowSubscriberMissesEventsButNeverBlocksPublishers() throws Exception {
        var sub = bus.subscribe(Optional.empty(), Optional.empty(), EventFilter.all());
        for (int i = 0; i < Subscription.CAPACITY + 10; i++) bus.publish(container("start", "n" + i));
        int received = 0;
        while (sub.next(Instant.now().plusMillis(20)).isPresent()) received++;
        assertThat(received).isEqualTo(Subscription.CAPACITY);
    }
}
