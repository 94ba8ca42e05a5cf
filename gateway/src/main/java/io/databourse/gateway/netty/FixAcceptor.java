package io.databourse.gateway.netty;

import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.databourse.edge.ConnectionLimiter;
import io.databourse.edge.TlsRefusals;
import io.databourse.gateway.session.SessionLayerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;

/**
 * The TCP side: a Netty server (epoll when the native transport loads, NIO otherwise) that gives
 * each accepted connection a {@link FixChannelHandler}, behind TLS when configured. Connections
 * beyond the limit, in all or from one address ({@link ConnectionLimiter}), are closed on accept
 * and logged; each connection's outbound buffer is bounded by a write-buffer high-water mark.
 * <p>The I/O threads run {@link DutyCycleSelectStrategy}: one of them also polls matcher events (the
 * {@code eventPoller} duty), and all linger after work before they block.
 */
public final class FixAcceptor implements AutoCloseable
{
    /**
     * How often an I/O thread blocked in epoll_wait wakes to run its duty: the longest an event from
     * the matcher waits at an idle gateway, as a parked event thread's 1 ms backoff did before.
     */
    public static final long DUTY_TICK_US = 1_000;

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final ConnectionLimiter limiter;
    private final boolean epoll;

    public FixAcceptor(
        final String host,
        final int port,
        final int ioThreads,
        final ConnectionLimiter limiter,
        final SslContext tls,
        final int outboundBufferMaxBytes,
        final long timerIntervalMs,
        final boolean preferEpoll,
        final SessionLayerContext sessionContext,
        final ErrorHandler errorHandler,
        final Agent eventPoller,
        final LongSupplier activity,
        final int lingerPolls)
    {
        this.limiter = limiter;
        epoll = preferEpoll && Epoll.isAvailable();
        final Class<? extends ServerChannel> channelClass =
            epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        // named for the thread budget (ARCHITECTURE.md): the acceptor, and the I/O threads that also poll events
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fix-acceptor"),
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        final SelectStrategyFactory strategies =
            DutyCycleSelectStrategy.factory(eventPoller, activity, lingerPolls, errorHandler);
        workerGroup = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("fix-io"), epoll ?
            EpollIoHandler.newFactory(0, strategies) :
            NioIoHandler.newFactory(SelectorProvider.provider(), strategies));
        try
        {
            if (null != eventPoller)
            {
                // Matcher events do not wake epoll: bound the blocking. Also starts the threads now, so
                // that events are consumed (and the matcher never back-pressured) before any client connects.
                for (final var executor : workerGroup)
                {
                    ((EventLoop)executor).scheduleAtFixedRate(() -> { }, DUTY_TICK_US, DUTY_TICK_US, TimeUnit.MICROSECONDS);
                }
            }
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
                        if (!limiter.admit(channel))
                        {
                            sessionContext.counters().connectionsRefused.incrementAndGet();
                            return;
                        }
                        sessionContext.counters().connectionsAccepted.incrementAndGet();
                        if (null != tls)
                        {
                            channel.pipeline()
                                .addLast(tls.newHandler(channel.alloc()))
                                .addLast(new TlsRefusals("FIX connection", sessionContext.refusals()));
                        }
                        channel.pipeline().addLast(new FixChannelHandler(sessionContext, timerIntervalMs, errorHandler));
                    }
                });
            serverChannel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        }
        catch (final Throwable ex) // a bind failure is a checked exception Netty throws undeclared
        {
            // stopped, not just asked to stop: the I/O threads may run the launcher's duty (the matcher),
            // which must be off them before the caller closes what that duty uses
            bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
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
        return limiter.connections();
    }

    @Override
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
