package io.databourse.gateway.netty;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import io.databourse.gateway.session.SessionLayerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.agrona.ErrorHandler;

/**
 * The TCP side: a Netty server (epoll when the native transport loads, NIO otherwise) that gives
 * each accepted connection a {@link FixChannelHandler}. Connections beyond the limit are closed on
 * accept; each connection's outbound buffer is bounded by a write-buffer high-water mark.
 */
public final class FixAcceptor implements AutoCloseable
{
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final AtomicInteger connections = new AtomicInteger();
    private final boolean epoll;

    public FixAcceptor(
        final String host,
        final int port,
        final int ioThreads,
        final int connectionsMax,
        final int outboundBufferMaxBytes,
        final long timerIntervalMs,
        final boolean preferEpoll,
        final SessionLayerContext sessionContext,
        final ErrorHandler errorHandler)
    {
        epoll = preferEpoll && Epoll.isAvailable();
        final IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends ServerChannel> channelClass =
            epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, factory);
        workerGroup = new MultiThreadIoEventLoopGroup(ioThreads, factory);
        try
        {
            final ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A counterparty with HeartBtInt=0 has no FIX-level liveness check: let TCP find dead peers.
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                    new WriteBufferWaterMark(outboundBufferMaxBytes / 2, outboundBufferMaxBytes))
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(final SocketChannel channel)
                    {
                        if (connections.incrementAndGet() > connectionsMax)
                        {
                            connections.decrementAndGet();
                            sessionContext.counters().connectionsRefused.incrementAndGet();
                            channel.close();
                            return;
                        }
                        sessionContext.counters().connectionsAccepted.incrementAndGet();
                        channel.closeFuture().addListener(future -> connections.decrementAndGet());
                        channel.pipeline().addLast(new FixChannelHandler(sessionContext, timerIntervalMs, errorHandler));
                    }
                });
            serverChannel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        }
        catch (final RuntimeException ex)
        {
            bossGroup.shutdownGracefully();
            workerGroup.shutdownGracefully();
            throw ex;
        }
    }

    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    public boolean isEpoll()
    {
        return epoll;
    }

    public int connectionCount()
    {
        return connections.get();
    }

    @Override
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
