package berth.api.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Netty on a unix domain socket: epoll threads only move bytes; every handler runs on a virtual thread. */
public final class HttpServer implements AutoCloseable {

    private final EpollEventLoopGroup boss = new EpollEventLoopGroup(1);
    private final EpollEventLoopGroup io = new EpollEventLoopGroup(2);
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Channel server;

    public HttpServer(Path socket, Router router, ServerIdentity identity) throws InterruptedException {
        var dispatcher = new Dispatcher(router, identity, workers);
        server = new ServerBootstrap()
                .group(boss, io)
                .channel(EpollServerDomainSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // a hijacked client's half-close ends stdin
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(ConnectionHandler.CODEC, new HttpServerCodec());
                        ch.pipeline().addLast("continue", new HttpServerExpectContinueHandler());
                        ch.pipeline().addLast("berth", new ConnectionHandler(dispatcher));
                    }
                })
                .bind(new DomainSocketAddress(socket.toFile()))
                .sync()
                .channel();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownNow();
    }
}
