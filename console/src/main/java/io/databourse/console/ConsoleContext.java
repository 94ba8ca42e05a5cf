package io.databourse.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.databourse.console.alerts.AlertFeed;
import io.databourse.console.command.CommandSink;
import io.databourse.console.metrics.MetricsSource;
import io.databourse.console.metrics.MetricsToken;
import io.databourse.settlement.http.HttpAuthenticator;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.http.Credentials;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Settings of the web console (docs/console.md), fluent, with defaults from system properties, and
 * the parts the launcher wires: the journal to follow, the live settlement pipeline whose views it
 * shows, the credentials, where commands go, the metrics of other modules, and the positions API
 * handler it serves beside itself. {@link #conclude()} fills defaults and checks ranges, once.
 */
public final class ConsoleContext
{
    public static final String BIND_HOST_PROP_NAME = "databourse.console.host";
    public static final String BIND_HOST_DEFAULT = "127.0.0.1";
    public static final String PORT_PROP_NAME = "databourse.console.port";
    public static final int PORT_DEFAULT = 8480;
    public static final String CONNECTIONS_MAX_PROP_NAME = "databourse.console.connections.max";
    public static final int CONNECTIONS_MAX_DEFAULT = 256;
    public static final String REQUEST_MAX_BYTES_PROP_NAME = "databourse.console.request.max.bytes";
    public static final int REQUEST_MAX_BYTES_DEFAULT = 16_384;
    public static final String REQUESTS_PER_SECOND_PROP_NAME = "databourse.console.requests.per.second";
    public static final int REQUESTS_PER_SECOND_DEFAULT = 100;
    public static final String REQUEST_BURST_PROP_NAME = "databourse.console.request.burst";
    public static final int REQUEST_BURST_DEFAULT = 200;
    public static final String CLIENTS_MAX_PROP_NAME = "databourse.console.clients.max";
    public static final int CLIENTS_MAX_DEFAULT = 4096;
    public static final String IDLE_TIMEOUT_MS_PROP_NAME = "databourse.console.idle.timeout.ms";
    public static final long IDLE_TIMEOUT_MS_DEFAULT = 30_000;
    public static final String SESSIONS_MAX_PROP_NAME = "databourse.console.sessions.max";
    public static final int SESSIONS_MAX_DEFAULT = 1024;
    public static final String SESSION_IDLE_TIMEOUT_MS_PROP_NAME = "databourse.console.session.idle.timeout.ms";
    public static final long SESSION_IDLE_TIMEOUT_MS_DEFAULT = 30 * 60_000L;
    public static final String SESSION_LIFETIME_MS_PROP_NAME = "databourse.console.session.lifetime.ms";
    public static final long SESSION_LIFETIME_MS_DEFAULT = 12 * 3_600_000L;
    public static final String LOGIN_FAILURES_FREE_PROP_NAME = "databourse.console.login.failures.free";
    public static final int LOGIN_FAILURES_FREE_DEFAULT = 5;
    public static final String LOGIN_LOCKOUT_MS_PROP_NAME = "databourse.console.login.lockout.ms";
    public static final long LOGIN_LOCKOUT_MS_DEFAULT = 30_000;
    public static final String LOGIN_LOCKOUT_MAX_MS_PROP_NAME = "databourse.console.login.lockout.max.ms";
    public static final long LOGIN_LOCKOUT_MAX_MS_DEFAULT = 15 * 60_000L;
    public static final String LIVE_CONNECTIONS_MAX_PROP_NAME = "databourse.console.live.connections.max";
    public static final int LIVE_CONNECTIONS_MAX_DEFAULT = 256;
    public static final String ORDERS_MAX_PROP_NAME = "databourse.console.orders.max";
    public static final int ORDERS_MAX_DEFAULT = 1 << 20;
    public static final String HISTORY_MAX_PROP_NAME = "databourse.console.history.max";
    public static final int HISTORY_MAX_DEFAULT = 500;
    public static final String PRICE_POINTS_MAX_PROP_NAME = "databourse.console.price.points.max";
    public static final int PRICE_POINTS_MAX_DEFAULT = 500;
    public static final String METRICS_TOKEN_SHA256_PROP_NAME = "databourse.console.metrics.token.sha256";
    /** SHA-256 of the demo metrics token {@code demo-metrics-7d1f0c2a9b} (published in docs/console.md). */
    public static final String METRICS_TOKEN_SHA256_DEMO = MetricsToken.sha256Hex("demo-metrics-7d1f0c2a9b");
    public static final String CONNECTIONS_PER_ADDRESS_MAX_PROP_NAME = "databourse.console.connections.per.address.max";
    /** A browser opens up to 6 connections to a host; a few users may share one address. */
    public static final int CONNECTIONS_PER_ADDRESS_MAX_DEFAULT = 32;
    public static final String REQUEST_TIMEOUT_MS_PROP_NAME = "databourse.console.request.timeout.ms";
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 5_000;
    public static final int PARTICIPANTS_MAX = 4096;
    public static final int PRODUCTS_MAX = 4096;

    private boolean concluded;
    private String bindHost;
    private int port = -1;
    private Path journalDir;
    private SettlementPipeline pipeline;
    private Credentials credentials;
    private CommandSink commandSink;
    private Supplier<ChannelHandler> positionsHandler;
    private AlertFeed alertFeed = AlertFeed.NONE;
    private final List<MetricsSource> metricsSources = new ArrayList<>();
    private String metricsTokenSha256;
    private int connectionsMax = -1;
    private int connectionsPerAddressMax = -1;
    private long requestTimeoutMs = -1;
    private SslContext tls;
    private HttpAuthenticator authenticator;
    private Consumer<String> log;
    private int requestMaxBytes = -1;
    private int requestsPerSecond = -1;
    private int requestBurst = -1;
    private int clientsMax = -1;
    private long idleTimeoutMs = -1;
    private int sessionsMax = -1;
    private long sessionIdleTimeoutMs = -1;
    private long sessionLifetimeMs = -1;
    private int loginFailuresFree = -1;
    private long loginLockoutMs = -1;
    private long loginLockoutMaxMs = -1;
    private int liveConnectionsMax = -1;
    private int ordersMax = -1;
    private int historyMax = -1;
    private int pricePointsMax = -1;
    private long followerIdleSleepMs = 1;
    private NanoClock nanoClock;
    private EpochClock epochClock;
    private ErrorHandler errorHandler;

    public ConsoleContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("already concluded");
        }
        concluded = true;
        if (null == journalDir || null == pipeline || null == credentials || null == commandSink)
        {
            throw new IllegalStateException("journalDir, pipeline, credentials and commandSink are required");
        }
        if (null == bindHost)
        {
            bindHost = System.getProperty(BIND_HOST_PROP_NAME, BIND_HOST_DEFAULT);
        }
        port = port >= 0 ? port : Integer.getInteger(PORT_PROP_NAME, PORT_DEFAULT);
        connectionsMax = orDefault(connectionsMax, CONNECTIONS_MAX_PROP_NAME, CONNECTIONS_MAX_DEFAULT);
        connectionsPerAddressMax = orDefault(
            connectionsPerAddressMax, CONNECTIONS_PER_ADDRESS_MAX_PROP_NAME, CONNECTIONS_PER_ADDRESS_MAX_DEFAULT);
        requestTimeoutMs = orDefault(requestTimeoutMs, REQUEST_TIMEOUT_MS_PROP_NAME, REQUEST_TIMEOUT_MS_DEFAULT);
        requestMaxBytes = orDefault(requestMaxBytes, REQUEST_MAX_BYTES_PROP_NAME, REQUEST_MAX_BYTES_DEFAULT);
        requestsPerSecond = orDefault(requestsPerSecond, REQUESTS_PER_SECOND_PROP_NAME, REQUESTS_PER_SECOND_DEFAULT);
        requestBurst = orDefault(requestBurst, REQUEST_BURST_PROP_NAME, REQUEST_BURST_DEFAULT);
        clientsMax = orDefault(clientsMax, CLIENTS_MAX_PROP_NAME, CLIENTS_MAX_DEFAULT);
        idleTimeoutMs = orDefault(idleTimeoutMs, IDLE_TIMEOUT_MS_PROP_NAME, IDLE_TIMEOUT_MS_DEFAULT);
        sessionsMax = orDefault(sessionsMax, SESSIONS_MAX_PROP_NAME, SESSIONS_MAX_DEFAULT);
        sessionIdleTimeoutMs = orDefault(sessionIdleTimeoutMs, SESSION_IDLE_TIMEOUT_MS_PROP_NAME,
            SESSION_IDLE_TIMEOUT_MS_DEFAULT);
        sessionLifetimeMs = orDefault(sessionLifetimeMs, SESSION_LIFETIME_MS_PROP_NAME, SESSION_LIFETIME_MS_DEFAULT);
        loginFailuresFree = orDefault(loginFailuresFree, LOGIN_FAILURES_FREE_PROP_NAME, LOGIN_FAILURES_FREE_DEFAULT);
        loginLockoutMs = orDefault(loginLockoutMs, LOGIN_LOCKOUT_MS_PROP_NAME, LOGIN_LOCKOUT_MS_DEFAULT);
        loginLockoutMaxMs = orDefault(loginLockoutMaxMs, LOGIN_LOCKOUT_MAX_MS_PROP_NAME, LOGIN_LOCKOUT_MAX_MS_DEFAULT);
        liveConnectionsMax = orDefault(liveConnectionsMax, LIVE_CONNECTIONS_MAX_PROP_NAME, LIVE_CONNECTIONS_MAX_DEFAULT);
        ordersMax = orDefault(ordersMax, ORDERS_MAX_PROP_NAME, ORDERS_MAX_DEFAULT);
        historyMax = orDefault(historyMax, HISTORY_MAX_PROP_NAME, HISTORY_MAX_DEFAULT);
        pricePointsMax = orDefault(pricePointsMax, PRICE_POINTS_MAX_PROP_NAME, PRICE_POINTS_MAX_DEFAULT);
        if (null == metricsTokenSha256)
        {
            metricsTokenSha256 = System.getProperty(METRICS_TOKEN_SHA256_PROP_NAME, METRICS_TOKEN_SHA256_DEMO);
        }
        if (!metricsTokenSha256.matches("[0-9a-f]{64}"))
        {
            throw new IllegalArgumentException("metrics token hash must be 64 lower-case hex digits (SHA-256)");
        }
        if (null == nanoClock)
        {
            nanoClock = SystemNanoClock.INSTANCE;
        }
        if (null == epochClock)
        {
            epochClock = SystemEpochClock.INSTANCE;
        }
        if (null == errorHandler)
        {
            errorHandler = Throwable::printStackTrace;
        }
        if (null == log)
        {
            log = line -> System.out.println(java.time.Instant.now() + " console http " + line);
        }
        check(port <= 65535, "port " + port);
        check(connectionsPerAddressMax > 0 && requestTimeoutMs > 0, "per-address limit and request deadline");
        check(connectionsMax > 0 && liveConnectionsMax > 0 && sessionsMax > 0 && clientsMax > 0, "limits must be positive");
        check(requestMaxBytes >= 1024 && requestMaxBytes <= 1 << 20, "request max bytes 1024..1 MiB");
        check(requestsPerSecond > 0 && requestBurst > 0, "request rate and burst must be positive");
        check(idleTimeoutMs > 0 && sessionIdleTimeoutMs > 0 && sessionLifetimeMs > 0, "timeouts must be positive");
        check(loginFailuresFree > 0 && loginLockoutMs > 0 && loginLockoutMaxMs >= loginLockoutMs, "login lockout");
        check(ordersMax > 0 && historyMax > 0 && pricePointsMax > 0, "view bounds must be positive");
        return this;
    }

    private static void check(final boolean ok, final String what)
    {
        if (!ok)
        {
            throw new IllegalArgumentException("console setting out of range: " + what);
        }
    }

    private static int orDefault(final int value, final String propName, final int dflt)
    {
        return value >= 0 ? value : Integer.getInteger(propName, dflt);
    }

    private static long orDefault(final long value, final String propName, final long dflt)
    {
        return value >= 0 ? value : Long.getLong(propName, dflt);
    }

    public String bindHost()
    {
        return bindHost;
    }

    public ConsoleContext bindHost(final String bindHost)
    {
        this.bindHost = bindHost;
        return this;
    }

    public int port()
    {
        return port;
    }

    /** 0: any free port (see {@code ConsoleServer.port()}). */
    public ConsoleContext port(final int port)
    {
        this.port = port;
        return this;
    }

    public Path journalDir()
    {
        return journalDir;
    }

    public ConsoleContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    public SettlementPipeline pipeline()
    {
        return pipeline;
    }

    /** The live settlement pipeline whose positions the console shows (the console only reads it). */
    public ConsoleContext pipeline(final SettlementPipeline pipeline)
    {
        this.pipeline = pipeline;
        return this;
    }

    public Credentials credentials()
    {
        return credentials;
    }

    public ConsoleContext credentials(final Credentials credentials)
    {
        this.credentials = credentials;
        return this;
    }

    public CommandSink commandSink()
    {
        return commandSink;
    }

    /** Where the console's commands go: {@code AeronCommandSink} on the matcher's ingress stream. */
    public ConsoleContext commandSink(final CommandSink commandSink)
    {
        this.commandSink = commandSink;
        return this;
    }

    public Supplier<ChannelHandler> positionsHandler()
    {
        return positionsHandler;
    }

    /** A new handler per connection for {@code /health} and {@code /positions...}, served beside the console (null: none). */
    public ConsoleContext positionsHandler(final Supplier<ChannelHandler> positionsHandler)
    {
        this.positionsHandler = positionsHandler;
        return this;
    }

    public AlertFeed alertFeed()
    {
        return alertFeed;
    }

    /** The surveillance alerts for the regulator's page (default {@link AlertFeed#NONE}). */
    public ConsoleContext alertFeed(final AlertFeed alertFeed)
    {
        this.alertFeed = null == alertFeed ? AlertFeed.NONE : alertFeed;
        return this;
    }

    public List<MetricsSource> metricsSources()
    {
        return metricsSources;
    }

    /** Adds figures of another module to {@code /metrics} (the launcher wires them: only it knows the processes). */
    public ConsoleContext addMetricsSource(final MetricsSource source)
    {
        metricsSources.add(source);
        return this;
    }

    public String metricsTokenSha256()
    {
        return metricsTokenSha256;
    }

    public ConsoleContext metricsTokenSha256(final String metricsTokenSha256)
    {
        this.metricsTokenSha256 = metricsTokenSha256;
        return this;
    }

    public int connectionsMax()
    {
        return connectionsMax;
    }

    public ConsoleContext connectionsMax(final int connectionsMax)
    {
        this.connectionsMax = connectionsMax;
        return this;
    }

    /** Connections at most from one address (beyond: closed on accept, logged once with the address). */
    public int connectionsPerAddressMax()
    {
        return connectionsPerAddressMax;
    }

    public ConsoleContext connectionsPerAddressMax(final int connectionsPerAddressMax)
    {
        this.connectionsPerAddressMax = connectionsPerAddressMax;
        return this;
    }

    /** A whole request must arrive within this of the connection or of the previous response (408 beyond). */
    public long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }

    public ConsoleContext requestTimeoutMs(final long requestTimeoutMs)
    {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    /** TLS of the port (edge.ServerTls); null (the default) for plain HTTP. */
    public SslContext tls()
    {
        return tls;
    }

    public ConsoleContext tls(final SslContext tls)
    {
        this.tls = tls;
        return this;
    }

    /**
     * Checks logins' passwords off the event loop, behind backoff and lockout per participant and
     * address; share the positions API's so that both count the same failures. Null (the default):
     * the server makes its own over {@link #credentials()}.
     */
    public HttpAuthenticator authenticator()
    {
        return authenticator;
    }

    public ConsoleContext authenticator(final HttpAuthenticator authenticator)
    {
        this.authenticator = authenticator;
        return this;
    }

    /** Where refusals are written, one line each with the address (default: standard output). */
    public Consumer<String> log()
    {
        return log;
    }

    public ConsoleContext log(final Consumer<String> log)
    {
        this.log = log;
        return this;
    }

    public int requestMaxBytes()
    {
        return requestMaxBytes;
    }

    public ConsoleContext requestMaxBytes(final int requestMaxBytes)
    {
        this.requestMaxBytes = requestMaxBytes;
        return this;
    }

    public int requestsPerSecond()
    {
        return requestsPerSecond;
    }

    public ConsoleContext requestsPerSecond(final int requestsPerSecond)
    {
        this.requestsPerSecond = requestsPerSecond;
        return this;
    }

    public int requestBurst()
    {
        return requestBurst;
    }

    public ConsoleContext requestBurst(final int requestBurst)
    {
        this.requestBurst = requestBurst;
        return this;
    }

    public int clientsMax()
    {
        return clientsMax;
    }

    public long idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    public ConsoleContext idleTimeoutMs(final long idleTimeoutMs)
    {
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    public int sessionsMax()
    {
        return sessionsMax;
    }

    public ConsoleContext sessionsMax(final int sessionsMax)
    {
        this.sessionsMax = sessionsMax;
        return this;
    }

    public long sessionIdleTimeoutMs()
    {
        return sessionIdleTimeoutMs;
    }

    public ConsoleContext sessionIdleTimeoutMs(final long sessionIdleTimeoutMs)
    {
        this.sessionIdleTimeoutMs = sessionIdleTimeoutMs;
        return this;
    }

    public long sessionLifetimeMs()
    {
        return sessionLifetimeMs;
    }

    public int loginFailuresFree()
    {
        return loginFailuresFree;
    }

    public ConsoleContext loginFailuresFree(final int loginFailuresFree)
    {
        this.loginFailuresFree = loginFailuresFree;
        return this;
    }

    public long loginLockoutMs()
    {
        return loginLockoutMs;
    }

    public long loginLockoutMaxMs()
    {
        return loginLockoutMaxMs;
    }

    public int liveConnectionsMax()
    {
        return liveConnectionsMax;
    }

    public ConsoleContext liveConnectionsMax(final int liveConnectionsMax)
    {
        this.liveConnectionsMax = liveConnectionsMax;
        return this;
    }

    public int ordersMax()
    {
        return ordersMax;
    }

    public int historyMax()
    {
        return historyMax;
    }

    public ConsoleContext historyMax(final int historyMax)
    {
        this.historyMax = historyMax;
        return this;
    }

    public int pricePointsMax()
    {
        return pricePointsMax;
    }

    public long followerIdleSleepMs()
    {
        return followerIdleSleepMs;
    }

    /** Longest sleep of the journal follower when the journal is idle (it backs off from microseconds). */
    public ConsoleContext followerIdleSleepMs(final long followerIdleSleepMs)
    {
        this.followerIdleSleepMs = followerIdleSleepMs;
        return this;
    }

    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    public ConsoleContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    public EpochClock epochClock()
    {
        return epochClock;
    }

    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    public ConsoleContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }
}
