package berth.api.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Netty on unix domain sockets and TLS-only TCP ports: epoll threads only move bytes (and, on TCP, run
 * TLS); every handler runs on a virtual thread. All listeners share the event loops and the dispatcher.
 */
public final class HttpServer implements AutoCloseable {

    private final EpollEventLoopGroup boss = new EpollEventLoopGroup(1);
    private final EpollEventLoopGroup io = new EpollEventLoopGroup(2);
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Channel> servers = new ArrayList<>();

    /** Binds every listener, or none: a failure closes those already bound. */
    public HttpServer(List<Binding> bindings, Router router, ServerIdentity identity) throws InterruptedException {
        var dispatcher = new Dispatcher(router, identity, workers);
        try {
            for (Binding b : bindings) servers.add(bind(b, dispatcher));
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private Channel bind(Binding binding, Dispatcher dispatcher) throws InterruptedException {
        var bootstrap = new ServerBootstrap()
                .group(boss, io)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true); // a hijacked client's half-close ends stdin
        return switch (binding) {
            case Binding.Unix(var socket) -> bootstrap.channel(EpollServerDomainSocketChannel.class)
                    .childHandler(pipeline(dispatcher, null))
                    .bind(new DomainSocketAddress(socket.toFile())).sync().channel();
            case Binding.Tcp(var address, var tls) -> bootstrap.channel(EpollServerSocketChannel.class)
                    .childHandler(pipeline(dispatcher, tls))
                    .bind(address).sync().channel();
        };
    }

    private static ChannelInitializer<Channel> pipeline(Dispatcher dispatcher, SslContext tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                ch.pipeline().addLast(ConnectionHandler.CODEC, new HttpServerCodec());
                ch.pipeline().addLast("continue", new HttpServerExpectContinueHandler());
                ch.pipeline().addLast("berth", new ConnectionHandler(dispatcher));
            }
        };
    }

    /** The local address of each listener, in the order given (a TCP port 0 shows the port chosen). */
    public List<java.net.SocketAddress> addresses() {
        return servers.stream().map(Channel::localAddress).toList();
    }

    @Override
    public void close() {
        for (Channel server : servers) server.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownNow();
    }
}
