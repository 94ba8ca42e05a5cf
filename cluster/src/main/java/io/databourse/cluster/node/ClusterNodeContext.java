package io.databourse.cluster.node;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.databourse.matcher.MatcherContext;

/**
 * Configuration of one {@link ClusterNode}, Aeron-style: fluent setters, {@link #conclude()} fills
 * defaults and checks ranges once. The timeouts default to a failover well under a second on a
 * LAN or loopback (a leader is declared dead after {@link #leaderHeartbeatTimeoutNs()}, an election
 * then takes about {@link #electionTimeoutNs()} more); raise them where pauses are longer.
 */
public final class ClusterNodeContext
{
    public static final long LEADER_HEARTBEAT_TIMEOUT_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(400);
    public static final long LEADER_HEARTBEAT_INTERVAL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(40);
    public static final long ELECTION_TIMEOUT_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(200);
    public static final long ELECTION_STATUS_INTERVAL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** A gateway is forgotten by the cluster after this long without a message (its link sends keep-alives). */
    public static final long SESSION_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(5);
    /** The replicated log's term; a command is at most an eighth of it. */
    public static final int LOG_TERM_LENGTH_DEFAULT = 8 * 1024 * 1024;

    private int memberId = -1;
    private ClusterMembers members;
    private Path nodeDir;
    private String aeronDir;
    private MatcherContext matcherContext;
    private byte[] clientSecret;
    private long leaderHeartbeatTimeoutNs = LEADER_HEARTBEAT_TIMEOUT_DEFAULT_NS;
    private long leaderHeartbeatIntervalNs = LEADER_HEARTBEAT_INTERVAL_DEFAULT_NS;
    private long electionTimeoutNs = ELECTION_TIMEOUT_DEFAULT_NS;
    private long electionStatusIntervalNs = ELECTION_STATUS_INTERVAL_DEFAULT_NS;
    private long sessionTimeoutNs = SESSION_TIMEOUT_DEFAULT_NS;
    private long startupCanvassTimeoutNs = -1;
    private int logTermLength = LOG_TERM_LENGTH_DEFAULT;
    private Consumer<String> log;
    private boolean concluded;

    public ClusterNodeContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("ClusterNodeContext already concluded");
        }
        concluded = true;
        if (null == members)
        {
            throw new IllegalArgumentException("members must be set");
        }
        if (memberId < 0 || memberId >= members.count())
        {
            throw new IllegalArgumentException("node " + memberId + " is not one of the " + members.count() +
                " members (0 to " + (members.count() - 1) + ")");
        }
        if (null == nodeDir)
        {
            throw new IllegalArgumentException("nodeDir must be set");
        }
        if (null == clientSecret)
        {
            throw new IllegalArgumentException("clientSecret must be set: the members admit only clients that present it");
        }
        if (null == aeronDir)
        {
            aeronDir = "/dev/shm/databourse-node" + memberId + "-" + ProcessHandle.current().pid();
        }
        if (null == matcherContext)
        {
            matcherContext = new MatcherContext().conclude();
        }
        if (null == log)
        {
            log = line -> { };
        }
        if (startupCanvassTimeoutNs < 0)
        {
            // a starting member waits this long for the others before electing among those it hears
            startupCanvassTimeoutNs = Math.max(TimeUnit.SECONDS.toNanos(2), leaderHeartbeatTimeoutNs * 5);
        }
        if (leaderHeartbeatIntervalNs <= 0 || leaderHeartbeatIntervalNs * 2 > leaderHeartbeatTimeoutNs)
        {
            throw new IllegalArgumentException("the leader heartbeat interval (" + leaderHeartbeatIntervalNs +
                " ns) must be positive and at most half its timeout (" + leaderHeartbeatTimeoutNs + " ns)");
        }
        if (electionTimeoutNs <= 0 || electionStatusIntervalNs <= 0 || electionStatusIntervalNs >= electionTimeoutNs)
        {
            throw new IllegalArgumentException("the election status interval (" + electionStatusIntervalNs +
                " ns) must be positive and shorter than the election timeout (" + electionTimeoutNs + " ns)");
        }
        if (sessionTimeoutNs < TimeUnit.SECONDS.toNanos(1))
        {
            throw new IllegalArgumentException("session timeout of " + sessionTimeoutNs + " ns: at least a second");
        }
        if (Integer.bitCount(logTermLength) != 1 || logTermLength < 64 * 1024)
        {
            throw new IllegalArgumentException("log term length " + logTermLength + ": a power of two, at least 64 KiB");
        }
        return this;
    }

    public int memberId()
    {
        return memberId;
    }

    public ClusterNodeContext memberId(final int memberId)
    {
        this.memberId = memberId;
        return this;
    }

    public ClusterMembers members()
    {
        return members;
    }

    public ClusterNodeContext members(final ClusterMembers members)
    {
        this.members = members;
        return this;
    }

    /** The node's persistent directory: journal/, archive/ (the replicated log, snapshots), cluster/ (consensus state). */
    public Path nodeDir()
    {
        return nodeDir;
    }

    public ClusterNodeContext nodeDir(final Path nodeDir)
    {
        this.nodeDir = nodeDir;
        return this;
    }

    /** The node's media driver directory; default /dev/shm/databourse-node{id}-{pid}. */
    public String aeronDir()
    {
        return aeronDir;
    }

    public ClusterNodeContext aeronDir(final String aeronDir)
    {
        this.aeronDir = aeronDir;
        return this;
    }

    public MatcherContext matcherContext()
    {
        return matcherContext;
    }

    /** The matcher's limits, concluded: the same on every member. */
    public ClusterNodeContext matcherContext(final MatcherContext matcherContext)
    {
        this.matcherContext = matcherContext;
        return this;
    }

    public byte[] clientSecret()
    {
        return clientSecret;
    }

    /** The secret clients (gateways' links) must present to be admitted (ClusterSecret). */
    public ClusterNodeContext clientSecret(final byte[] secret)
    {
        this.clientSecret = secret;
        return this;
    }

    public long leaderHeartbeatTimeoutNs()
    {
        return leaderHeartbeatTimeoutNs;
    }

    public ClusterNodeContext leaderHeartbeatTimeoutNs(final long ns)
    {
        this.leaderHeartbeatTimeoutNs = ns;
        return this;
    }

    public long leaderHeartbeatIntervalNs()
    {
        return leaderHeartbeatIntervalNs;
    }

    public ClusterNodeContext leaderHeartbeatIntervalNs(final long ns)
    {
        this.leaderHeartbeatIntervalNs = ns;
        return this;
    }

    public long electionTimeoutNs()
    {
        return electionTimeoutNs;
    }

    public ClusterNodeContext electionTimeoutNs(final long ns)
    {
        this.electionTimeoutNs = ns;
        return this;
    }

    public long electionStatusIntervalNs()
    {
        return electionStatusIntervalNs;
    }

    public ClusterNodeContext electionStatusIntervalNs(final long ns)
    {
        this.electionStatusIntervalNs = ns;
        return this;
    }

    public long sessionTimeoutNs()
    {
        return sessionTimeoutNs;
    }

    public ClusterNodeContext sessionTimeoutNs(final long ns)
    {
        this.sessionTimeoutNs = ns;
        return this;
    }

    public long startupCanvassTimeoutNs()
    {
        return startupCanvassTimeoutNs;
    }

    public ClusterNodeContext startupCanvassTimeoutNs(final long ns)
    {
        this.startupCanvassTimeoutNs = ns;
        return this;
    }

    public int logTermLength()
    {
        return logTermLength;
    }

    public ClusterNodeContext logTermLength(final int bytes)
    {
        this.logTermLength = bytes;
        return this;
    }

    public Consumer<String> log()
    {
        return log;
    }

    /** Where the node reports its start, role changes, snapshots and errors (one line each). */
    public ClusterNodeContext log(final Consumer<String> log)
    {
        this.log = log;
        return this;
    }
}
