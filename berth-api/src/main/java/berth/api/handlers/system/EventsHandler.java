package berth.api.handlers.system;

import berth.api.http.ChunkedStream;
import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.stream.Timestamps;
import berth.api.wire.EventMessage;
import berth.common.BerthException;
import berth.engine.Engine;
import berth.engine.events.Event;
import berth.engine.events.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /events?since&until&filters}: the remembered events in range, then live ones, one JSON
 * message per line. With {@code until} in the past the stream ends after the remembered ones; with
 * {@code until} ahead it ends then; without it, when the client leaves (checked every second, since a
 * quiet stream has no write to fail).
 */
public record EventsHandler(Engine engine) implements Handler {
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(1);

    @Override
    public void handle(Request req, Response res) throws InterruptedException {
        var q = req.query();
        Optional<Instant> since = q.string("since").flatMap(Timestamps::parse);
        Optional<Instant> until = q.string("until").flatMap(Timestamps::parse);
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get()))
            throw BerthException.invalid("`since` time (" + q.string("since", "") + ") cannot be after `until` time ("
                    + q.string("until", "") + ")");
        try (var subscription = engine.events(since, until, q.filters());
             var out = res.stream("application/json")) {
            for (Event e : subscription.backlog()) out.writeJson(EventMessage.of(e));
            follow(subscription, out, until.orElse(Instant.MAX));
        }
    }

    private static void follow(Subscription subscription, ChunkedStream out, Instant deadline) throws InterruptedException {
        while (!out.clientLeft() && !subscription.isClosed() && Instant.now().isBefore(deadline)) {
            Instant check = Instant.now().plus(LIVENESS_CHECK);
            subscription.next(check.isBefore(deadline) ? check : deadline)
                    .ifPresent(e -> out.writeJson(EventMessage.of(e)));
        }
    }
}
