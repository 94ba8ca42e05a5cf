package io.databourse.gateway;

import io.databourse.edge.ConnectionLimiter;
import io.databourse.edge.LogonGuard;
import io.databourse.edge.PasswordVerifier;
import io.databourse.edge.RefusalLog;
import io.databourse.gateway.app.Application;
import io.databourse.gateway.app.CertificationEchoApplication;
import io.databourse.gateway.fix.FixDictionary;
import io.databourse.gateway.netty.FixAcceptor;
import io.databourse.gateway.trading.EventPosition;
import io.databourse.gateway.trading.TradingApplication;
import io.databourse.gateway.session.FixSession;
import io.databourse.gateway.session.MessagePosition;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionLayerContext;
import io.databourse.gateway.session.SessionRegistry;
import io.databourse.gateway.session.SessionStore;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CompositeAgent;

/**
 * The FIX 4.4 gateway: a Netty acceptor whose sessions run either the certification echo
 * application or the exchange application (commands to the matcher over Aeron, events back).
 * {@link #launch(GatewayContext)} starts it; {@link #close()} stops it.
 */
public final class FixGateway implements AutoCloseable
{
    private final GatewayContext ctx;
    private final SessionRegistry registry = new SessionRegistry();
    private final FixAcceptor acceptor;
    private final ExchangeBridge bridge;
    private final PasswordVerifier passwordVerifier = new PasswordVerifier();

    private FixGateway(final GatewayContext ctx)
    {
        this.ctx = ctx;
        final FixDictionary dictionary = FixDictionary.fix44();
        final boolean anyExchange = ctx.sessions().stream().anyMatch(s -> !s.isCertification());
        if (anyExchange && !ctx.hasExchangeLink())
        {
            throw new IllegalArgumentException("exchange sessions need an exchange link (ExchangeLinkContext): an Aeron client, " +
                "aeronDirectoryName or link factory");
        }
        bridge = anyExchange ? new ExchangeBridge(ctx) : null;
        try
        {
            for (final SessionConfig config : ctx.sessions())
            {
                final Application application = config.isCertification() ?
                    new CertificationEchoApplication(dictionary, 10_000) : bridge.newApplication(config);
                final SessionStore store = SessionStore.open(
                    ctx.sequenceStoreDir(), config.senderCompId(), config.targetCompId(), ctx.outboundStoreCapacity(),
                    config.isCertification() ? MessagePosition.NONE : EventPosition::ofMessage);
                if (application instanceof TradingApplication)
                {
                    // Reports of later events, kept from the client by a stop, go out at its next logon.
                    ((TradingApplication)application).reportedThrough(store.lastEventPosition());
                }
                try
                {
                    registry.add(new FixSession(config, store, application));
                }
                catch (final RuntimeException ex)
                {
                    store.close();
                    throw ex;
                }
            }
            if (null != bridge)
            {
                // Every view right before the first connection: what clients see after a restart equals what they saw before.
                bridge.rebuildViews();
            }
            final RefusalLog refusals = new RefusalLog(ctx.sessionLog());
            final SessionLayerContext sessionContext = new SessionLayerContext()
                .passwordVerifier(passwordVerifier)
                .logonGuard(new LogonGuard(ctx.logonGuard()))
                .refusals(refusals)
                .registry(registry)
                .dictionary(dictionary)
                .epochClock(ctx.epochClock())
                .logonTimeoutMs(ctx.logonTimeoutMs())
                .logoutTimeoutMs(ctx.logoutTimeoutMs())
                .sendingTimeWindowMs(ctx.sendingTimeWindowMs())
                .fieldsMax(ctx.fieldsMax())
                .messageLengthMax(ctx.messageLengthMax())
                .queuedMessagesMax(ctx.queuedMessagesMax())
                .queuedBytesMax(ctx.queuedBytesMax())
                .counters(ctx.counters())
                .sessionLog(ctx.sessionLog());
            acceptor = new FixAcceptor(
                ctx.bindHost(),
                ctx.port(),
                ctx.ioThreads(),
                new ConnectionLimiter("FIX connection", ctx.connectionsMax(), ctx.connectionsPerAddressMax(), refusals),
                ctx.tls(),
                ctx.outboundBufferMaxBytes(),
                ctx.timerIntervalMs(),
                ctx.preferEpoll(),
                sessionContext,
                ctx.errorHandler(),
                ioDuty(ctx.ioDuty(), bridge),
                ctx.counters().commandsSent::get,
                ctx.ioLingerPolls());
        }
        catch (final Throwable ex) // Netty's bind failure is a checked exception thrown undeclared: release all the same
        {
            if (null != bridge)
            {
                bridge.close();
            }
            registry.close();
            passwordVerifier.close();
            throw ex;
        }
    }

    /** The I/O thread's duty: the launcher's agent (the matcher) first, so its events are polled in the same turn. */
    private static Agent ioDuty(final Agent extra, final ExchangeBridge bridge)
    {
        if (null == extra)
        {
            return bridge;
        }
        return null == bridge ? extra : new CompositeAgent(extra, bridge);
    }

    /** Concludes ctx (if not yet) and starts listening. */
    public static FixGateway launch(final GatewayContext ctx)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        return new FixGateway(ctx);
    }

    /** The port listened on (useful with port 0). */
    public int port()
    {
        return acceptor.port();
    }

    /** Products known from the event stream (0 until the matcher's reference data has arrived). */
    public int knownProductCount()
    {
        if (null == bridge)
        {
            return 0;
        }
        int n = 0;
        for (final Object p : bridge.products().snapshot())
        {
            n += null == p ? 0 : 1;
        }
        return n;
    }

    /** How the views were rebuilt at start (journal records read, orders found), for the launcher's log. */
    public String viewsRebuilt()
    {
        return null == bridge ? "no exchange sessions" : bridge.rebuildSummary();
    }

    /**
     * The index symbols' market data (docs/fix.md): the launcher tells it the settlement index stage's
     * values ({@code IndexMarketData.onIndexValue}); null without an exchange session.
     */
    public io.databourse.gateway.trading.IndexMarketData indexes()
    {
        return null == bridge ? null : bridge.indexes();
    }

    public GatewayCounters counters()
    {
        return ctx.counters();
    }

    /** Open TCP connections now. */
    public int connectionCount()
    {
        return acceptor.connectionCount();
    }

    public boolean isEpoll()
    {
        return acceptor.isEpoll();
    }

    public GatewayContext context()
    {
        return ctx;
    }

    public SessionRegistry registry()
    {
        return registry;
    }

    @Override
    public void close()
    {
        acceptor.close();
        if (null != bridge)
        {
            bridge.close();
        }
        registry.close();
        passwordVerifier.close();
    }
}
