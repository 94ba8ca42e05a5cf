package io.databourse.gateway;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionsFile;
import io.databourse.journal.idle.IdleStrategies;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

/**
 * Configuration of a {@link FixGateway}, Aeron-style: fluent setters, defaults filled and ranges
 * checked by {@link #conclude()}, which may be called once. It holds the FIX side: where the
 * gateway listens and its connection limits, the sessions and their stores, the session protocol's
 * timeouts and bounds, and what every part shares (clock, error handler, counters, session log).
 * The exchange side is an {@link ExchangeLinkContext}; without one the gateway runs certification
 * sessions only.
 */
public final class GatewayContext
{
    private String bindHost = "127.0.0.1";
    private int port = 9880;
    private Path sessionsFile;
    private List<SessionConfig> sessions;
    private File sequenceStoreDir;
    private int ioLingerPolls = -1;
    private org.agrona.concurrent.Agent ioDuty;
    private EpochClock epochClock;
    private int ioThreads = 1;
    private int connectionsMax = 256;
    private int connectionsPerAddressMax = 16;
    private io.netty.handler.ssl.SslContext tls;
    private io.databourse.edge.LogonGuard.Settings logonGuard = io.databourse.edge.LogonGuard.Settings.DEFAULT;
    private int sessionsMax = 1_024;
    private int messageLengthMax = 16 * 1024;
    private int fieldsMax = 1_024;
    private int outboundBufferMaxBytes = 4 * 1024 * 1024;
    private int outboundStoreCapacity = 100_000;
    private int queuedMessagesMax = 1_024;
    private int queuedBytesMax = 1024 * 1024;
    private long logonTimeoutMs = 5_000;
    private long logoutTimeoutMs = 2_000;
    private long sendingTimeWindowMs = 120_000;
    private long timerIntervalMs = 100;
    private boolean preferEpoll = true;
    private org.agrona.ErrorHandler errorHandler;
    private GatewayCounters counters;
    private java.util.function.Consumer<String> sessionLog;
    private ExchangeLinkContext exchangeLink;
    private boolean concluded;

    public GatewayContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("GatewayContext already concluded");
        }
        concluded = true;
        if (null == sessions)
        {
            if (null == sessionsFile)
            {
                throw new IllegalArgumentException("sessionsFile or sessions must be set");
            }
            sessions = SessionsFile.load(sessionsFile);
        }
        if (sessions.isEmpty())
        {
            throw new IllegalArgumentException("no sessions configured");
        }
        if (sessions.size() > sessionsMax)
        {
            throw new IllegalArgumentException(sessions.size() + " sessions configured, sessionsMax is " + sessionsMax);
        }
        if (null == sequenceStoreDir)
        {
            sequenceStoreDir = new File(System.getProperty("java.io.tmpdir"), "databourse-fix-seqnums");
        }
        if (ioLingerPolls < 0)
        {
            ioLingerPolls = IdleStrategies.lingerPolls(System.getProperty(IdleStrategies.PROP, IdleStrategies.DEFAULT));
        }
        if (null == sessionLog)
        {
            sessionLog = (line) -> {};
        }
        if (null == counters)
        {
            counters = new GatewayCounters();
        }
        if (null == errorHandler)
        {
            errorHandler = (throwable) ->
            {
                System.err.println("gateway error: " + throwable);
                throwable.printStackTrace(System.err);
            };
        }
        // Every unexpected failure is counted, whoever handles it: a healthy gateway has none.
        final org.agrona.ErrorHandler handler = errorHandler;
        final GatewayCounters counted = counters;
        errorHandler = (throwable) ->
        {
            counted.errors.incrementAndGet();
            handler.onError(throwable);
        };
        if (null == epochClock)
        {
            epochClock = SystemEpochClock.INSTANCE;
        }
        requireAtLeast("port", port, 0);
        requireAtLeast("ioThreads", ioThreads, 1);
        requireAtLeast("connectionsMax", connectionsMax, 1);
        requireAtLeast("connectionsPerAddressMax", connectionsPerAddressMax, 1);
        requireAtLeast("messageLengthMax", messageLengthMax, 256);
        requireAtLeast("fieldsMax", fieldsMax, 16);
        requireAtLeast("outboundBufferMaxBytes", outboundBufferMaxBytes, 64 * 1024);
        requireAtLeast("outboundStoreCapacity", outboundStoreCapacity, 1);
        requireAtLeast("queuedMessagesMax", queuedMessagesMax, 1);
        requireAtLeast("timerIntervalMs", (int)timerIntervalMs, 10);
        if (null != exchangeLink)
        {
            exchangeLink.conclude();
        }
        return this;
    }

    public boolean isConcluded()
    {
        return concluded;
    }

    static void requireAtLeast(final String name, final long value, final long min)
    {
        if (value < min)
        {
            throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
        }
    }

    // ------------------------------------------------------------------ where it listens and its connections

    public String bindHost()
    {
        return bindHost;
    }

    public GatewayContext bindHost(final String bindHost)
    {
        this.bindHost = bindHost;
        return this;
    }

    /** TCP port; 0 picks a free one ({@link FixGateway#port()} tells which). */
    public int port()
    {
        return port;
    }

    public GatewayContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /** Netty event-loop threads serving connections. */
    public int ioThreads()
    {
        return ioThreads;
    }

    public GatewayContext ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    public boolean preferEpoll()
    {
        return preferEpoll;
    }

    public GatewayContext preferEpoll(final boolean preferEpoll)
    {
        this.preferEpoll = preferEpoll;
        return this;
    }

    /** Open TCP connections at most; more are closed on accept. */
    public int connectionsMax()
    {
        return connectionsMax;
    }

    public GatewayContext connectionsMax(final int connectionsMax)
    {
        this.connectionsMax = connectionsMax;
        return this;
    }

    /** Connections at most from one address (a client holding more is refused on accept): one client cannot take every slot. */
    public int connectionsPerAddressMax()
    {
        return connectionsPerAddressMax;
    }

    public GatewayContext connectionsPerAddressMax(final int connectionsPerAddressMax)
    {
        this.connectionsPerAddressMax = connectionsPerAddressMax;
        return this;
    }

    /** TLS for every connection (edge.ServerTls); null (the default) for plain TCP. */
    public io.netty.handler.ssl.SslContext tls()
    {
        return tls;
    }

    public GatewayContext tls(final io.netty.handler.ssl.SslContext tls)
    {
        this.tls = tls;
        return this;
    }

    /** Bytes queued for a connection that does not read before it is disconnected. */
    public int outboundBufferMaxBytes()
    {
        return outboundBufferMaxBytes;
    }

    public GatewayContext outboundBufferMaxBytes(final int outboundBufferMaxBytes)
    {
        this.outboundBufferMaxBytes = outboundBufferMaxBytes;
        return this;
    }

    public long timerIntervalMs()
    {
        return timerIntervalMs;
    }

    public GatewayContext timerIntervalMs(final long timerIntervalMs)
    {
        this.timerIntervalMs = timerIntervalMs;
        return this;
    }

    /**
     * Idle turns an I/O thread polls its sockets and matcher events before it blocks in epoll_wait
     * (io.databourse.gateway.netty.DutyCycleSelectStrategy); from {@code databourse.idle} by default:
     * {@value IdleStrategies#LINGER_YIELDS} for "linger", none for "backoff" and "sleep", no limit
     * for "yield" and "busy".
     */
    public int ioLingerPolls()
    {
        return ioLingerPolls;
    }

    public GatewayContext ioLingerPolls(final int ioLingerPolls)
    {
        this.ioLingerPolls = ioLingerPolls;
        return this;
    }

    /**
     * An agent the gateway's (first) I/O thread runs on every turn of its loop, before it polls the
     * matcher's events: the launcher puts the matcher there to run the whole order path on one
     * thread (docs/perf.md, "The thread budget"). Its {@code onStart} runs on that thread first.
     */
    public org.agrona.concurrent.Agent ioDuty()
    {
        return ioDuty;
    }

    public GatewayContext ioDuty(final org.agrona.concurrent.Agent ioDuty)
    {
        this.ioDuty = ioDuty;
        return this;
    }

    // ------------------------------------------------------------------ the sessions and their stores

    public Path sessionsFile()
    {
        return sessionsFile;
    }

    public GatewayContext sessionsFile(final Path sessionsFile)
    {
        this.sessionsFile = sessionsFile;
        return this;
    }

    public List<SessionConfig> sessions()
    {
        return sessions;
    }

    public GatewayContext sessions(final List<SessionConfig> sessions)
    {
        this.sessions = sessions;
        return this;
    }

    /** Configured sessions at most (each holds a sequence file, a resend store and an event queue). */
    public int sessionsMax()
    {
        return sessionsMax;
    }

    public GatewayContext sessionsMax(final int sessionsMax)
    {
        this.sessionsMax = sessionsMax;
        return this;
    }

    /** Where each session's store (a Chronicle Queue per session: sequence numbers and sent messages) lives. */
    public File sequenceStoreDir()
    {
        return sequenceStoreDir;
    }

    public GatewayContext sequenceStoreDir(final File sequenceStoreDir)
    {
        this.sequenceStoreDir = sequenceStoreDir;
        return this;
    }

    /**
     * The resend window: of the last this many outbound sequence numbers of a session, application
     * messages are resent as PossDup copies (from the session's Chronicle Queue store, also after a
     * restart); older ones are gap-filled. Bounds the per-session index (about 16 bytes a message).
     */
    public int outboundStoreCapacity()
    {
        return outboundStoreCapacity;
    }

    public GatewayContext outboundStoreCapacity(final int outboundStoreCapacity)
    {
        this.outboundStoreCapacity = outboundStoreCapacity;
        return this;
    }

    // ------------------------------------------------------------------ the session protocol's bounds and timeouts

    /** Largest BodyLength accepted; larger closes the connection. */
    public int messageLengthMax()
    {
        return messageLengthMax;
    }

    public GatewayContext messageLengthMax(final int messageLengthMax)
    {
        this.messageLengthMax = messageLengthMax;
        return this;
    }

    public int fieldsMax()
    {
        return fieldsMax;
    }

    public GatewayContext fieldsMax(final int fieldsMax)
    {
        this.fieldsMax = fieldsMax;
        return this;
    }

    public int queuedMessagesMax()
    {
        return queuedMessagesMax;
    }

    public GatewayContext queuedMessagesMax(final int queuedMessagesMax)
    {
        this.queuedMessagesMax = queuedMessagesMax;
        return this;
    }

    /** Bytes of out-of-sequence messages held per connection while a gap is resent. */
    public int queuedBytesMax()
    {
        return queuedBytesMax;
    }

    public GatewayContext queuedBytesMax(final int queuedBytesMax)
    {
        this.queuedBytesMax = queuedBytesMax;
        return this;
    }

    public long logonTimeoutMs()
    {
        return logonTimeoutMs;
    }

    public GatewayContext logonTimeoutMs(final long logonTimeoutMs)
    {
        this.logonTimeoutMs = logonTimeoutMs;
        return this;
    }

    public long logoutTimeoutMs()
    {
        return logoutTimeoutMs;
    }

    public GatewayContext logoutTimeoutMs(final long logoutTimeoutMs)
    {
        this.logoutTimeoutMs = logoutTimeoutMs;
        return this;
    }

    public long sendingTimeWindowMs()
    {
        return sendingTimeWindowMs;
    }

    public GatewayContext sendingTimeWindowMs(final long sendingTimeWindowMs)
    {
        this.sendingTimeWindowMs = sendingTimeWindowMs;
        return this;
    }

    /** Failed-logon backoff and lockout, per account (the counterparty's CompID) and per address. */
    public io.databourse.edge.LogonGuard.Settings logonGuard()
    {
        return logonGuard;
    }

    public GatewayContext logonGuard(final io.databourse.edge.LogonGuard.Settings logonGuard)
    {
        this.logonGuard = logonGuard;
        return this;
    }

    // ------------------------------------------------------------------ what every part shares

    public EpochClock epochClock()
    {
        return epochClock;
    }

    public GatewayContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /** Receives unexpected errors (a connection's are also answered by closing that connection). */
    public org.agrona.ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    public GatewayContext errorHandler(final org.agrona.ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    public GatewayCounters counters()
    {
        return counters;
    }

    public GatewayContext counters(final GatewayCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /** Receives one line per logon, refused logon (with why) and logout; silent by default. */
    public java.util.function.Consumer<String> sessionLog()
    {
        return sessionLog;
    }

    public GatewayContext sessionLog(final java.util.function.Consumer<String> sessionLog)
    {
        this.sessionLog = sessionLog;
        return this;
    }

    // ------------------------------------------------------------------ the exchange side

    /** The exchange side: the link to the matcher and the views kept from its records; null for certification only. */
    public ExchangeLinkContext exchangeLink()
    {
        return exchangeLink;
    }

    public GatewayContext exchangeLink(final ExchangeLinkContext exchangeLink)
    {
        this.exchangeLink = exchangeLink;
        return this;
    }

    /** Whether exchange sessions can reach a matcher. */
    public boolean hasExchangeLink()
    {
        return null != exchangeLink && exchangeLink.canReachMatcher();
    }
}
