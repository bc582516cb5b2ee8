package berth.api.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.ExecutorService;

/** Runs each request's handler on its own virtual thread and maps what it throws. */
final class Dispatcher {

    static final System.Logger LOG = System.getLogger("berth.api");

    private final Router router;
    private final ServerIdentity identity;
    private final ExecutorService workers;

    Dispatcher(Router router, ServerIdentity identity, ExecutorService workers) {
        this.router = router;
        this.identity = identity;
        this.workers = workers;
    }

    Router router() {
        return router;
    }

    void dispatch(PendingRequest pending, Channel channel, Connection connection) {
        var upgrade = pending.head().headers().contains("Upgrade", "tcp", true);
        var res = new Response(channel, connection, identity, pending.keepAlive(),
                pending.head().method().equals(HttpMethod.HEAD), upgrade);
        workers.execute(() -> run(pending, res));
    }

    private void run(PendingRequest pending, Response res) {
        try {
            switch (pending.routing()) {
                case PendingRequest.Routing.Failed(var error) -> res.error(error);
                case PendingRequest.Routing.Matched(var m) -> m.route().handler().handle(request(pending, m), res);
            }
            if (!res.committed()) res.error(new IllegalStateException("handler sent no response"));
        } catch (Throwable t) {
            fail(pending, res, t);
        } finally {
            if (pending.streaming()) closeQuietly(pending.body());
        }
    }

    private static Request request(PendingRequest p, Router.Match m) {
        return new Request(p.head().method(), p.path(), m.version(), m.params(), p.query(), p.headers(),
                p.body());
    }

    private static void fail(PendingRequest pending, Response res, Throwable t) {
        var error = Errors.of(t);
        if (error.status() >= 500) LOG.log(System.Logger.Level.WARNING, pending.head().method() + " "
                + pending.head().uri() + ": " + error.message(), t);
        if (!res.committed()) res.error(t);
        else res.abort(); // mid-stream: a cut connection is the only way left to say it failed
    }

    private static void closeQuietly(Body body) {
        try {
            body.stream().close();
        } catch (java.io.IOException ignored) {
            // the upload is abandoned either way
        }
    }
}
