package io.databourse.console;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.databourse.console.auth.LoginThrottle;
import io.databourse.console.auth.SessionStore;
import io.databourse.console.command.ClOrdIds;
import io.databourse.console.command.CommandPublisher;
import io.databourse.console.http.ConsoleHttpHandler;
import io.databourse.console.http.ConsoleServices;
import io.databourse.console.http.StaticResources;
import io.databourse.console.live.LiveUpdates;
import io.databourse.console.metrics.ExchangeMetrics;
import io.databourse.console.view.CertificateFollower;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.JournalFollower;
import io.databourse.edge.ConnectionLimiter;
import io.databourse.edge.LogonGuard;
import io.databourse.edge.PasswordVerifier;
import io.databourse.edge.RefusalLog;
import io.databourse.settlement.http.ClientRateLimiter;
import io.databourse.settlement.http.HttpAuthenticator;
import io.databourse.settlement.http.HttpEdge;
import io.databourse.settlement.http.PositionsHttpContext;
import io.databourse.settlement.http.PositionsHttpServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * The exchange's web front on one port (docs/console.md): the console's page, its JSON API and
 * live channel, {@code /metrics}, and the positions JSON API beside them. One NIO event-loop
 * thread for accept, HTTP and WebSocket; one thread follows the journal into the console's view.
 * The front of each connection is {@link HttpEdge}'s (connections bounded in all and per address,
 * TLS when configured, bounded requests, a deadline for each whole request, an idle timeout); login
 * passwords are checked off the event loop ({@link HttpAuthenticator}).
 * The console reads the settlement pipeline and the journal, and writes only commands to the
 * matcher over Aeron: close it before the pipeline and the matcher.
 */
public final class ConsoleServer implements AutoCloseable
{
    public static final String POSITIONS_HANDLER_NAME = "positions";
    private static final int ACCEPT_BACKLOG = 128;
    private static final int FOLLOWER_BATCH = 256;

    private final ConsoleContext ctx;
    private final ConsoleView view;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final AgentRunner followerRunner;
    private final LiveUpdates live;
    private final SessionStore sessions;
    private final HttpEdge edge;
    /** The password checker's thread when the context brought no authenticator, else null. */
    private final PasswordVerifier ownVerifier;
    private boolean closed;

    private ConsoleServer(final ConsoleContext ctx)
    {
        this.ctx = ctx;
        view = new ConsoleView(ConsoleContext.PARTICIPANTS_MAX, ConsoleContext.PRODUCTS_MAX, ctx.ordersMax(),
            ctx.historyMax(), ctx.pricePointsMax());
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("console-http", true),
            NioIoHandler.newFactory());
        final EventLoop loop = group.next();
        final RefusalLog refusals = new RefusalLog(ctx.log());
        edge = new HttpEdge(
            new ConnectionLimiter("HTTP connection", ctx.connectionsMax(), ctx.connectionsPerAddressMax(), refusals),
            ctx.tls(), refusals, ctx.requestMaxBytes(), ctx.requestTimeoutMs(), ctx.idleTimeoutMs());
        ownVerifier = null == ctx.authenticator() ? new PasswordVerifier() : null;
        final HttpAuthenticator authenticator = null != ctx.authenticator() ? ctx.authenticator() :
            new HttpAuthenticator(ctx.credentials(), ownVerifier, new LogonGuard(), refusals, ctx.epochClock(),
                PositionsHttpContext.REMEMBER_LOGIN_MS_DEFAULT);
        sessions = new SessionStore(ctx.nanoClock(), ctx.sessionsMax(),
            TimeUnit.MILLISECONDS.toNanos(ctx.sessionIdleTimeoutMs()), TimeUnit.MILLISECONDS.toNanos(ctx.sessionLifetimeMs()));
        live = new LiveUpdates(loop, sessions, view, ctx.pipeline().positions(), ctx.liveConnectionsMax());
        final JournalFollower follower = new JournalFollower(ctx.journalDir(), view, live::onChanges, FOLLOWER_BATCH,
            new CertificateFollower(ctx.pipeline().certificates().certificatesFile()));
        final ConsoleServices services = new ConsoleServices(ctx, view, sessions,
            new LoginThrottle(ctx.nanoClock(), ctx.loginFailuresFree(), TimeUnit.MILLISECONDS.toNanos(ctx.loginLockoutMs()),
                TimeUnit.MILLISECONDS.toNanos(ctx.loginLockoutMaxMs()), ctx.clientsMax()),
            new ClientRateLimiter(ctx.nanoClock(), ctx.requestsPerSecond(), ctx.requestBurst(), ctx.clientsMax()),
            new CommandPublisher(ctx.commandSink()), new ClOrdIds(ctx.epochClock().time()), live, new StaticResources(),
            new ExchangeMetrics(view, ctx.journalDir(), ctx.pipeline(), follower::failure), authenticator);
        ctx.pipeline().positions().publishListener(live::onPositionsPublished);
        ctx.alertFeed().listen(live::onAlert);

        final long maxParkNs = TimeUnit.MILLISECONDS.toNanos(Math.max(1, ctx.followerIdleSleepMs()));
        followerRunner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, maxParkNs), ctx.errorHandler(), null,
            follower);
        try
        {
            AgentRunner.startOnThread(followerRunner);
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
                        if (!edge.initChannel(channel))
                        {
                            return;
                        }
                        channel.pipeline().addLast(ConsoleHttpHandler.NAME, new ConsoleHttpHandler(services,
                            null == ctx.positionsHandler() ? null : PositionsHttpServer::serves));
                        if (null != ctx.positionsHandler())
                        {
                            channel.pipeline().addLast(POSITIONS_HANDLER_NAME, ctx.positionsHandler().get());
                        }
                    }
                });
            serverChannel = bootstrap.bind(ctx.bindHost(), ctx.port()).syncUninterruptibly().channel();
        }
        catch (final Throwable ex) // Netty's bind failure is a checked exception thrown undeclared
        {
            CloseHelper.quietClose(followerRunner);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            CloseHelper.quietClose(ownVerifier);
            throw ex;
        }
    }

    /** Concludes the context (pass it unconcluded), starts following the journal and binds. */
    public static ConsoleServer launch(final ConsoleContext ctx)
    {
        ctx.conclude();
        return new ConsoleServer(ctx);
    }

    public ConsoleContext context()
    {
        return ctx;
    }

    /** The bound port (useful with port 0). */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** The console's own order and trade view (tests wait on its seq). */
    public ConsoleView view()
    {
        return view;
    }

    public LiveUpdates live()
    {
        return live;
    }

    public int connectionCount()
    {
        return edge.limiter().connections();
    }

    /** Stops serving and following the journal. Idempotent. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        ctx.pipeline().positions().publishListener(null);
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        CloseHelper.closeAll(followerRunner, ownVerifier);
    }
}
