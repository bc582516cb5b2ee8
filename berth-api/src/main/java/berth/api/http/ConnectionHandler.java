package berth.api.http;

import berth.api.stream.BodyPipe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ExecutionException;

/**
 * One per connection, on the event loop: collects each request (or pipes its body, for uploads), hands
 * it to a virtual thread, and after a hijack passes the client's bytes on as stdin. Never blocks.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter implements Connection {

    static final String CODEC = "http";

    private final Dispatcher dispatcher;
    private ChannelHandlerContext ctx;
    private PendingRequest pending;
    private volatile BodyPipe stdin;
    private boolean inputShut;
    private int inFlight;

    ConnectionHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) begin(req);
            if (msg instanceof HttpContent content) content(content);
            if (msg instanceof ByteBuf raw && stdin != null) stdin.offer(ByteBufUtil.getBytes(raw));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(HttpRequest req) {
        inFlight++;
        pending = PendingRequest.start(req, dispatcher, this::setAutoRead);
        if (pending.streaming()) dispatcher.dispatch(pending, ctx.channel(), this);
    }

    private void content(HttpContent content) {
        if (pending == null) return;
        pending.append(content.content());
        if (!(content instanceof LastHttpContent)) return;
        if (!pending.streaming()) {
            if (pending.hijacks()) setAutoRead(false); // keep the client's stdin out of the HTTP decoder
            dispatcher.dispatch(pending, ctx.channel(), this);
        }
        pending.finish();
        pending = null;
    }

    @Override
    public RawStream hijack(byte[] head) {
        try {
            return ctx.executor().submit(() -> switchToRaw(head)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hijacking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot hijack the connection", e.getCause());
        }
    }

    private RawStream switchToRaw(byte[] head) {
        var pipe = new BodyPipe(this::setAutoRead);
        stdin = pipe; // set first: removing the codec hands us any bytes it had buffered
        if (ctx.pipeline().get(CODEC) != null) ctx.pipeline().remove(CODEC);
        ctx.writeAndFlush(ctx.alloc().buffer(head.length).writeBytes(head));
        setAutoRead(true);
        return new RawStream(ctx.channel(), pipe);
    }

    @Override
    public void responded() {
        try {
            ctx.executor().execute(this::afterResponse);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the server is shutting down; the connection goes with it
        }
    }

    private void afterResponse() {
        inFlight--;
        setAutoRead(true);
        if (inputShut && inFlight <= 0) ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // a TLS client's close_notify (TLS 1.3 allows a half-close) ends its input as a TCP FIN does
        if (!(evt instanceof ChannelInputShutdownEvent || evt instanceof SslCloseCompletionEvent)) {
            ctx.fireUserEventTriggered(evt);
        } else if (stdin != null) {
            stdin.end(); // half-close of a hijacked connection: end of stdin, output keeps flowing
        } else {
            inputShut = true;
            if (inFlight <= 0) ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) pending.abort();
        if (stdin != null) stdin.end();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Dispatcher.LOG.log(System.Logger.Level.DEBUG, "connection error", cause);
        ctx.close();
    }

    private void setAutoRead(boolean on) {
        ctx.channel().config().setAutoRead(on);
    }
}
