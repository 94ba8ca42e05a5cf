package io.databourse.settlement.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.databourse.settlement.SettlementPipeline;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Configuration of {@link PositionsHttpServer}, Aeron style: fluent setters, defaults from system
 * properties, one {@link #conclude()} that fills and validates (and loads the credentials file).
 * Every resource the server holds is bounded here: connections, request bytes, requests per
 * second per client, tracked clients, idle time.
 */
public final class PositionsHttpContext
{
    public static final String BIND_HOST_PROP_NAME = "databourse.positions.http.host";
    /** Loopback by default: exposing positions beyond the machine is a deliberate choice. */
    public static final String BIND_HOST_DEFAULT = "127.0.0.1";
    public static final String PORT_PROP_NAME = "databourse.positions.http.port";
    public static final int PORT_DEFAULT = 8480;
    public static final String CREDENTIALS_FILE_PROP_NAME = "databourse.positions.http.credentials";
    public static final String CONNECTIONS_MAX_PROP_NAME = "databourse.positions.http.connections.max";
    public static final int CONNECTIONS_MAX_DEFAULT = 64;
    public static final String REQUEST_MAX_BYTES_PROP_NAME = "databourse.positions.http.request.max.bytes";
    public static final int REQUEST_MAX_BYTES_DEFAULT = 8192;
    public static final String REQUESTS_PER_SECOND_PROP_NAME = "databourse.positions.http.requests.per.second";
    public static final int REQUESTS_PER_SECOND_DEFAULT = 20;
    public static final String REQUEST_BURST_PROP_NAME = "databourse.positions.http.request.burst";
    public static final int REQUEST_BURST_DEFAULT = 40;
    public static final String CLIENTS_MAX_PROP_NAME = "databourse.positions.http.clients.max";
    public static final int CLIENTS_MAX_DEFAULT = 4096;
    public static final String IDLE_TIMEOUT_MS_PROP_NAME = "databourse.positions.http.idle.timeout.ms";
    public static final long IDLE_TIMEOUT_MS_DEFAULT = 30_000;
    public static final String CONNECTIONS_PER_ADDRESS_MAX_PROP_NAME = "databourse.positions.http.connections.per.address.max";
    public static final int CONNECTIONS_PER_ADDRESS_MAX_DEFAULT = 16;
    public static final String REQUEST_TIMEOUT_MS_PROP_NAME = "databourse.positions.http.request.timeout.ms";
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 5_000;
    /** How long a checked password is remembered (so that the slow check is not paid per request). */
    public static final long REMEMBER_LOGIN_MS_DEFAULT = 10 * 60_000L;
    /** Smallest request bound that still fits a request line and an Authorization header. */
    public static final int REQUEST_MIN_BYTES = 1024;

    private boolean concluded;
    private String bindHost;
    private int port = -1;
    private Path credentialsFile;
    private Credentials credentials;
    private SettlementPipeline pipeline;
    private int connectionsMax = -1;
    private int requestMaxBytes = -1;
    private int requestsPerSecond = -1;
    private int requestBurst = -1;
    private int clientsMax = -1;
    private long idleTimeoutMs = -1;
    private int connectionsPerAddressMax = -1;
    private long requestTimeoutMs = -1;
    private long rememberLoginMs = REMEMBER_LOGIN_MS_DEFAULT;
    private io.netty.handler.ssl.SslContext tls;
    private io.databourse.edge.LogonGuard.Settings logonGuard = io.databourse.edge.LogonGuard.Settings.DEFAULT;
    private java.util.function.Consumer<String> log;
    private org.agrona.concurrent.EpochClock epochClock;
    private NanoClock nanoClock;
    private ErrorHandler errorHandler;

    public PositionsHttpContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        concluded = true;
        if (null == pipeline)
        {
            throw new IllegalStateException("pipeline is required (a live SettlementPipeline)");
        }
        if (null == bindHost)
        {
            bindHost = System.getProperty(BIND_HOST_PROP_NAME, BIND_HOST_DEFAULT);
        }
        if (port < 0)
        {
            port = Integer.getInteger(PORT_PROP_NAME, PORT_DEFAULT);
        }
        if (port > 65535)
        {
            throw new IllegalStateException("port out of range: " + port);
        }
        if (null == credentials)
        {
            try
            {
                if (null != credentialsFile)
                {
                    credentials = Credentials.load(credentialsFile);
                }
                else
                {
                    final String location = System.getProperty(CREDENTIALS_FILE_PROP_NAME);
                    if (null == location)
                    {
                        throw new IllegalStateException("credentials or credentialsFile is required (or -D" +
                            CREDENTIALS_FILE_PROP_NAME + "=FILE|classpath:/...)");
                    }
                    credentials = Credentials.load(location);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        connectionsMax = orDefault(connectionsMax, CONNECTIONS_MAX_PROP_NAME, CONNECTIONS_MAX_DEFAULT);
        connectionsPerAddressMax = orDefault(
            connectionsPerAddressMax, CONNECTIONS_PER_ADDRESS_MAX_PROP_NAME, CONNECTIONS_PER_ADDRESS_MAX_DEFAULT);
        if (requestTimeoutMs < 0)
        {
            requestTimeoutMs = Long.getLong(REQUEST_TIMEOUT_MS_PROP_NAME, REQUEST_TIMEOUT_MS_DEFAULT);
        }
        if (connectionsPerAddressMax < 1 || requestTimeoutMs < 1 || rememberLoginMs < 0)
        {
            throw new IllegalStateException("connectionsPerAddressMax and requestTimeoutMs must be positive: " +
                connectionsPerAddressMax + ", " + requestTimeoutMs);
        }
        if (null == log)
        {
            log = line -> System.out.println(java.time.Instant.now() + " positions http " + line);
        }
        if (null == epochClock)
        {
            epochClock = org.agrona.concurrent.SystemEpochClock.INSTANCE;
        }
        requestMaxBytes = orDefault(requestMaxBytes, REQUEST_MAX_BYTES_PROP_NAME, REQUEST_MAX_BYTES_DEFAULT);
        requestsPerSecond = orDefault(requestsPerSecond, REQUESTS_PER_SECOND_PROP_NAME, REQUESTS_PER_SECOND_DEFAULT);
        requestBurst = orDefault(requestBurst, REQUEST_BURST_PROP_NAME, REQUEST_BURST_DEFAULT);
        clientsMax = orDefault(clientsMax, CLIENTS_MAX_PROP_NAME, CLIENTS_MAX_DEFAULT);
        if (idleTimeoutMs < 0)
        {
            idleTimeoutMs = Long.getLong(IDLE_TIMEOUT_MS_PROP_NAME, IDLE_TIMEOUT_MS_DEFAULT);
        }
        if (connectionsMax < 1 || connectionsMax > 65_536)
        {
            throw new IllegalStateException("connectionsMax out of range 1..65536: " + connectionsMax);
        }
        if (requestMaxBytes < REQUEST_MIN_BYTES || requestMaxBytes > 1 << 20)
        {
            throw new IllegalStateException("requestMaxBytes out of range 1024..1 MiB: " + requestMaxBytes);
        }
        if (requestsPerSecond < 1 || requestsPerSecond > 1_000_000 || requestBurst < 1 || requestBurst > 1_000_000)
        {
            throw new IllegalStateException("requestsPerSecond/requestBurst out of range 1..10^6");
        }
        if (clientsMax < 1 || clientsMax > 1 << 20)
        {
            throw new IllegalStateException("clientsMax out of range 1..2^20: " + clientsMax);
        }
        if (idleTimeoutMs < 1)
        {
            throw new IllegalStateException("idleTimeoutMs must be positive: " + idleTimeoutMs);
        }
        if (null == nanoClock)
        {
            nanoClock = SystemNanoClock.INSTANCE;
        }
        if (null == errorHandler)
        {
            errorHandler = ex ->
            {
                System.err.println("positions http: " + ex);
                ex.printStackTrace(System.err);
            };
        }
        return this;
    }

    private static int orDefault(final int value, final String propName, final int dflt)
    {
        return value >= 0 ? value : Integer.getInteger(propName, dflt);
    }

    public String bindHost()
    {
        return bindHost;
    }

    public PositionsHttpContext bindHost(final String bindHost)
    {
        this.bindHost = bindHost;
        return this;
    }

    /** TCP port; 0 picks a free one ({@link PositionsHttpServer#port()} tells which). */
    public int port()
    {
        return port;
    }

    public PositionsHttpContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /** Credentials file (format in {@link Credentials}); loaded by {@link #conclude()}. */
    public Path credentialsFile()
    {
        return credentialsFile;
    }

    public PositionsHttpContext credentialsFile(final Path credentialsFile)
    {
        this.credentialsFile = credentialsFile;
        return this;
    }

    public Credentials credentials()
    {
        return credentials;
    }

    /** Credentials already loaded (instead of a file). */
    public PositionsHttpContext credentials(final Credentials credentials)
    {
        this.credentials = credentials;
        return this;
    }

    /** The live settlement pipeline whose positions stage is served (started and closed by the caller). */
    public SettlementPipeline pipeline()
    {
        return pipeline;
    }

    public PositionsHttpContext pipeline(final SettlementPipeline pipeline)
    {
        this.pipeline = pipeline;
        return this;
    }

    /** Open connections at most; connections beyond are closed on accept. */
    public int connectionsMax()
    {
        return connectionsMax;
    }

    public PositionsHttpContext connectionsMax(final int connectionsMax)
    {
        this.connectionsMax = connectionsMax;
        return this;
    }

    /** Bound on a request: request line, headers and body each (413 beyond). */
    public int requestMaxBytes()
    {
        return requestMaxBytes;
    }

    public PositionsHttpContext requestMaxBytes(final int requestMaxBytes)
    {
        this.requestMaxBytes = requestMaxBytes;
        return this;
    }

    /** Sustained requests per second per client address (429 beyond). */
    public int requestsPerSecond()
    {
        return requestsPerSecond;
    }

    public PositionsHttpContext requestsPerSecond(final int requestsPerSecond)
    {
        this.requestsPerSecond = requestsPerSecond;
        return this;
    }

    /** Requests a client address may send at once before the sustained rate applies. */
    public int requestBurst()
    {
        return requestBurst;
    }

    public PositionsHttpContext requestBurst(final int requestBurst)
    {
        this.requestBurst = requestBurst;
        return this;
    }

    /** Client addresses whose request rate is tracked at once. */
    public int clientsMax()
    {
        return clientsMax;
    }

    public PositionsHttpContext clientsMax(final int clientsMax)
    {
        this.clientsMax = clientsMax;
        return this;
    }

    /** A connection that neither reads nor writes this long is closed. */
    public long idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    public PositionsHttpContext idleTimeoutMs(final long idleTimeoutMs)
    {
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    /** Connections at most from one address (beyond: closed on accept, logged). */
    public int connectionsPerAddressMax()
    {
        return connectionsPerAddressMax;
    }

    public PositionsHttpContext connectionsPerAddressMax(final int connectionsPerAddressMax)
    {
        this.connectionsPerAddressMax = connectionsPerAddressMax;
        return this;
    }

    /** A whole request must arrive within this of the connection or of the previous response (408 beyond). */
    public long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }

    public PositionsHttpContext requestTimeoutMs(final long requestTimeoutMs)
    {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    /** How long a participant's checked password is remembered before the slow check is paid again. */
    public long rememberLoginMs()
    {
        return rememberLoginMs;
    }

    public PositionsHttpContext rememberLoginMs(final long rememberLoginMs)
    {
        this.rememberLoginMs = rememberLoginMs;
        return this;
    }

    /** TLS (edge.ServerTls); null (the default) for plain HTTP. */
    public io.netty.handler.ssl.SslContext tls()
    {
        return tls;
    }

    public PositionsHttpContext tls(final io.netty.handler.ssl.SslContext tls)
    {
        this.tls = tls;
        return this;
    }

    /** Failed-login backoff and lockout, per participant and per address. */
    public io.databourse.edge.LogonGuard.Settings logonGuard()
    {
        return logonGuard;
    }

    public PositionsHttpContext logonGuard(final io.databourse.edge.LogonGuard.Settings logonGuard)
    {
        this.logonGuard = logonGuard;
        return this;
    }

    /** Where refusals are written, one line each with the address (default: standard output). */
    public java.util.function.Consumer<String> log()
    {
        return log;
    }

    public PositionsHttpContext log(final java.util.function.Consumer<String> log)
    {
        this.log = log;
        return this;
    }

    /** Clock of login backoff and remembered logins. */
    public org.agrona.concurrent.EpochClock epochClock()
    {
        return epochClock;
    }

    public PositionsHttpContext epochClock(final org.agrona.concurrent.EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /** Clock of the rate limiter (tests pass a manual one). */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    public PositionsHttpContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /** Receives unexpected handler failures (a reset connection is not one); default: standard error. */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    public PositionsHttpContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }
}
