package io.databourse.settlement.http;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.databourse.edge.ConnectionLimiter;
import io.databourse.edge.LogonGuard;
import io.databourse.edge.PasswordVerifier;
import io.databourse.edge.RefusalLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The live positions of the settlement pipeline as JSON over HTTP/1.1, authenticated with a
 * participant's password (HTTP Basic; docs/settlement.md, "Positions over HTTP"):
 * <pre>
 *   GET /health                  200 {"status":"ok"}, 503 once a settlement stage has failed
 *   GET /positions               the caller's own position; every one for a risk officer / regulator
 *   GET /positions/{participant} 403 unless the caller's own or the caller is a risk officer / regulator
 * </pre>
 * One NIO event-loop thread (accept and I/O): requests are small reads of immutable views, and
 * the machine's cores belong to the matcher and settlement. The front of each connection is
 * {@link HttpEdge}'s: connections bounded in all and per address, TLS when configured, bounded
 * requests, a deadline for each whole request, an idle timeout. Password checks run on a thread of
 * their own ({@link HttpAuthenticator}).
 * <p>The server reads the pipeline and never starts or closes it: close the server first, then
 * the pipeline.
 */
public final class PositionsHttpServer implements AutoCloseable
{
    private static final int ACCEPT_BACKLOG = 128;

    private final PositionsHttpContext ctx;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final HttpEdge edge;
    private final PasswordVerifier verifier = new PasswordVerifier();
    private boolean closed;

    private PositionsHttpServer(final PositionsHttpContext ctx)
    {
        this.ctx = ctx;
        final ClientRateLimiter rateLimiter = new ClientRateLimiter(
            ctx.nanoClock(), ctx.requestsPerSecond(), ctx.requestBurst(), ctx.clientsMax());
        final RefusalLog refusals = new RefusalLog(ctx.log());
        edge = new HttpEdge(
            new ConnectionLimiter("HTTP connection", ctx.connectionsMax(), ctx.connectionsPerAddressMax(), refusals),
            ctx.tls(), refusals, ctx.requestMaxBytes(), ctx.requestTimeoutMs(), ctx.idleTimeoutMs());
        final HttpAuthenticator authenticator = new HttpAuthenticator(ctx.credentials(), verifier,
            new LogonGuard(ctx.logonGuard()), refusals, ctx.epochClock(), ctx.rememberLoginMs());
        group = new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("positions-http", true), NioIoHandler.newFactory());
        try
        {
            final ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(final SocketChannel channel)
                    {
                        if (edge.initChannel(channel))
                        {
                            channel.pipeline().addLast(
                                new PositionsHttpHandler(ctx.pipeline(), authenticator, rateLimiter, ctx.errorHandler()));
                        }
                    }
                });
            serverChannel = bootstrap.bind(ctx.bindHost(), ctx.port()).syncUninterruptibly().channel();
        }
        catch (final Throwable ex) // Netty's bind failure is a checked exception thrown undeclared
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            verifier.close();
            throw ex;
        }
    }

    /**
     * Concludes the context (pass it unconcluded), loads the credentials and binds. The pipeline in
     * the context should be started, live ({@code batch(false)}); the server only reads it.
     */
    public static PositionsHttpServer launch(final PositionsHttpContext ctx)
    {
        ctx.conclude();
        return new PositionsHttpServer(ctx);
    }

    /**
     * The positions API as handlers for another server's pipeline (the web console serves it on the
     * same port, behind its own {@link HttpEdge}): concludes the context (pass it unconcluded; its
     * bind host, port, connection, TLS and login settings are not used) and returns a factory of one
     * handler per connection, sharing one rate limiter and the server's {@code authenticator}
     * (whose password checks and lockouts then cover both). Pass a request on to it only when
     * {@link #serves(String)} its path.
     */
    public static java.util.function.Supplier<io.netty.channel.ChannelHandler> handlers(
        final PositionsHttpContext ctx, final HttpAuthenticator authenticator)
    {
        ctx.conclude();
        final ClientRateLimiter rateLimiter = new ClientRateLimiter(
            ctx.nanoClock(), ctx.requestsPerSecond(), ctx.requestBurst(), ctx.clientsMax());
        return () -> new PositionsHttpHandler(ctx.pipeline(), authenticator, rateLimiter, ctx.errorHandler());
    }

    /**
     * Whether a request path is one of this API's: {@code /health}, {@code /positions},
     * {@code /positions/...}, {@code /indexes}.
     */
    public static boolean serves(final String path)
    {
        return PositionsHttpHandler.HEALTH_PATH.equals(path) || PositionsHttpHandler.POSITIONS_PATH.equals(path) ||
            path.startsWith(PositionsHttpHandler.POSITIONS_PATH + "/") || PositionsHttpHandler.INDEXES_PATH.equals(path);
    }

    public PositionsHttpContext context()
    {
        return ctx;
    }

    /** The bound port (useful with port 0). */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    public int connectionCount()
    {
        return edge.limiter().connections();
    }

    /** Stops accepting, closes every connection and the event-loop thread. Idempotent. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        verifier.close();
    }
}
