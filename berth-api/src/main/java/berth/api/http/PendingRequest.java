package berth.api.http;

import berth.api.stream.BodyPipe;
import berth.common.BerthException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A request whose head has arrived and whose body is being collected (or piped, for uploads). */
final class PendingRequest {

    /** Ordinary bodies are JSON of a few kilobytes; anything near this is a mistake. */
    private static final int MAX_COLLECTED = 16 << 20;

    sealed interface Routing {
        record Matched(Router.Match match) implements Routing {}
        record Failed(RuntimeException error) implements Routing {}
    }

    private final HttpRequest head;
    private final QueryStringDecoder uri;
    private final Routing routing;
    private final BodyPipe pipe;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private boolean tooLarge;

    private PendingRequest(HttpRequest head, QueryStringDecoder uri, Routing routing, BodyPipe pipe) {
        this.head = head;
        this.uri = uri;
        this.routing = routing;
        this.pipe = pipe;
    }

    static PendingRequest start(HttpRequest head, Dispatcher dispatcher, Consumer<Boolean> readControl) {
        var uri = new QueryStringDecoder(head.uri());
        Routing routing = head.decoderResult().isFailure()
                ? new Routing.Failed(BerthException.invalid("malformed request: " + head.decoderResult().cause()))
                : route(dispatcher.router(), head.method(), uri.path());
        var streaming = routing instanceof Routing.Matched(var m) && m.route().mode() == Route.Mode.STREAMING_BODY;
        return new PendingRequest(head, uri, routing, streaming ? new BodyPipe(readControl) : null);
    }

    private static Routing route(Router router, HttpMethod method, String path) {
        try {
            return new Routing.Matched(router.route(method, path));
        } catch (BerthException e) {
            return new Routing.Failed(e);
        }
    }

    boolean streaming() { return pipe != null; }

    boolean hijacks() {
        return routing instanceof Routing.Matched(var m) && m.route().mode() == Route.Mode.HIJACK;
    }

    Routing routing() {
        return tooLarge ? new Routing.Failed(BerthException.invalid("request body too large")) : routing;
    }

    HttpRequest head() { return head; }

    boolean keepAlive() { return HttpUtil.isKeepAlive(head); }

    void append(ByteBuf content) {
        if (!content.isReadable()) return;
        if (pipe != null) pipe.offer(ByteBufUtil.getBytes(content));
        else if (collected.size() + content.readableBytes() > MAX_COLLECTED) tooLarge = true;
        else collected.writeBytes(ByteBufUtil.getBytes(content));
    }

    void finish() {
        if (pipe != null) pipe.end();
    }

    void abort() {
        if (pipe != null) pipe.fail("the client closed the connection before the end of the request body");
    }

    Body body() {
        return pipe != null ? new Body.Stream(pipe) : new Body.Bytes(collected.toByteArray());
    }

    String path() {
        return uri.path();
    }

    Query query() {
        return new Query(uri.parameters());
    }

    Map<String, String> headers() {
        var out = new LinkedHashMap<String, String>();
        head.headers().forEach(e -> out.put(e.getKey().toLowerCase(), e.getValue()));
        return out;
    }
}
