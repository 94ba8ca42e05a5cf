package io.databourse.cluster.client;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.aeron.Aeron;
import io.databourse.cluster.protocol.ClusterProtocol;

/** Configuration of a {@link ClusterLink}, Aeron-style: fluent setters, {@link #conclude()} fills defaults once. */
public final class ClusterLinkContext
{
    public static final int IN_FLIGHT_MAX_DEFAULT = 16 * 1024;
    public static final long KEEP_ALIVE_INTERVAL_DEFAULT_NS = TimeUnit.SECONDS.toNanos(1);
    public static final long CATCH_UP_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(2);
    public static final long ACK_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(3);
    public static final long CONNECT_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(5);

    private Aeron aeron;
    private String aeronDirectoryName;
    private String ingressEndpoints;
    private byte[] secret;
    private String egressHost = "127.0.0.1";
    private int inFlightMax = IN_FLIGHT_MAX_DEFAULT;
    private int egressTermLength = ClusterProtocol.EGRESS_TERM_LENGTH;
    private long keepAliveIntervalNs = KEEP_ALIVE_INTERVAL_DEFAULT_NS;
    private long catchUpTimeoutNs = CATCH_UP_TIMEOUT_DEFAULT_NS;
    private long ackTimeoutNs = ACK_TIMEOUT_DEFAULT_NS;
    private long connectTimeoutNs = CONNECT_TIMEOUT_DEFAULT_NS;
    private Consumer<String> log;
    private boolean concluded;

    public ClusterLinkContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("ClusterLinkContext already concluded");
        }
        concluded = true;
        if (null == aeron && null == aeronDirectoryName)
        {
            throw new IllegalArgumentException("an Aeron client or aeronDirectoryName must be set");
        }
        if (null == ingressEndpoints || ingressEndpoints.isBlank())
        {
            throw new IllegalArgumentException("ingressEndpoints must be set: 0=host:port,1=host:port,...");
        }
        if (null == secret)
        {
            throw new IllegalArgumentException("secret must be set: the members admit only clients that present it");
        }
        if (Integer.bitCount(inFlightMax) != 1)
        {
            throw new IllegalArgumentException("inFlightMax " + inFlightMax + " must be a power of two");
        }
        if (Integer.bitCount(egressTermLength) != 1 || egressTermLength < 8 * ClusterProtocol.EGRESS_MESSAGE_MAX)
        {
            throw new IllegalArgumentException("egress term length " + egressTermLength + ": a power of two, at least " +
                8 * ClusterProtocol.EGRESS_MESSAGE_MAX + " (eight of the protocol's largest message)");
        }
        if (null == log)
        {
            log = line -> { };
        }
        return this;
    }

    public Aeron aeron()
    {
        return aeron;
    }

    /** An Aeron client owned by the caller; otherwise the link connects its own to {@link #aeronDirectoryName()}. */
    public ClusterLinkContext aeron(final Aeron aeron)
    {
        this.aeron = aeron;
        return this;
    }

    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public ClusterLinkContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    public String ingressEndpoints()
    {
        return ingressEndpoints;
    }

    /** The members' ingress: {@code 0=host:port,1=host:port,...} (ClusterMembers.ingressEndpoints()). */
    public ClusterLinkContext ingressEndpoints(final String ingressEndpoints)
    {
        this.ingressEndpoints = ingressEndpoints;
        return this;
    }

    public byte[] secret()
    {
        return secret;
    }

    /** The cluster's secret (ClusterSecret), presented when a session opens. */
    public ClusterLinkContext secret(final byte[] secret)
    {
        this.secret = secret;
        return this;
    }

    public String egressHost()
    {
        return egressHost;
    }

    /** The address the members send this link its records to (any free port on it). */
    public ClusterLinkContext egressHost(final String egressHost)
    {
        this.egressHost = egressHost;
        return this;
    }

    public int inFlightMax()
    {
        return inFlightMax;
    }

    /** Commands sent and not yet acknowledged, at most (a power of two); beyond, offers are back-pressured. */
    public ClusterLinkContext inFlightMax(final int inFlightMax)
    {
        this.inFlightMax = inFlightMax;
        return this;
    }

    public int egressTermLength()
    {
        return egressTermLength;
    }

    /**
     * The term of the channel the members send records on: half of it is how far the leader may run
     * ahead of a gateway that does not poll before that gateway misses records (and catches up).
     */
    public ClusterLinkContext egressTermLength(final int bytes)
    {
        this.egressTermLength = bytes;
        return this;
    }

    public long keepAliveIntervalNs()
    {
        return keepAliveIntervalNs;
    }

    public ClusterLinkContext keepAliveIntervalNs(final long ns)
    {
        this.keepAliveIntervalNs = ns;
        return this;
    }

    public long catchUpTimeoutNs()
    {
        return catchUpTimeoutNs;
    }

    /** A catch-up not answered within this is asked for again (its answer may have been lost). */
    public ClusterLinkContext catchUpTimeoutNs(final long ns)
    {
        this.catchUpTimeoutNs = ns;
        return this;
    }

    public long ackTimeoutNs()
    {
        return ackTimeoutNs;
    }

    /** A command unacknowledged for this long starts a catch-up: its record may have been missed. */
    public ClusterLinkContext ackTimeoutNs(final long ns)
    {
        this.ackTimeoutNs = ns;
        return this;
    }

    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    /** How long one attempt to open a cluster session may take (and to reach a new leader) before it is retried. */
    public ClusterLinkContext connectTimeoutNs(final long ns)
    {
        this.connectTimeoutNs = ns;
        return this;
    }

    public Consumer<String> log()
    {
        return log;
    }

    /** Where the link reports connections, leader changes, catch-ups and resent commands (one line each). */
    public ClusterLinkContext log(final Consumer<String> log)
    {
        this.log = log;
        return this;
    }
}
