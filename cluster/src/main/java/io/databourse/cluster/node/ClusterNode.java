package io.databourse.cluster.node;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ArchiveEvent;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.client.ClusterEvent;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.cluster.security.SharedSecretAuthenticator;
import io.databourse.cluster.service.MatcherClusteredService;
import io.databourse.cluster.service.MatcherServiceContext;
import io.databourse.journal.files.OwnerOnly;
import io.databourse.journal.idle.IdleStrategies;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NoOpLock;

/**
 * One member of the exchange's cluster in this process: a media driver (one shared thread), the
 * archive that records the replicated log and snapshots, the consensus module (Raft), and the
 * matcher as the clustered service, writing the node's journal. Ports come from the member's base
 * port ({@link ClusterMembers}); everything persistent lives under the node directory, so a node
 * restarted on it recovers from its snapshot and log and rejoins.
 * <p>Threads: driver, archive and consensus module each back off when idle (databourse.driver.idle,
 * default backoff); the service, on the command path, takes databourse.idle (default linger).
 * Nothing spins unless configured to.
 */
public final class ClusterNode implements AutoCloseable
{
    private static final String LOCAL_CONTROL_CHANNEL = "aeron:ipc?term-length=64k";
    private static final String ARCHIVE_DIR = "archive";
    private static final String CLUSTER_DIR = "cluster";
    private final ClusterNodeContext ctx;
    private final MatcherClusteredService service;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private ClusterNode(final ClusterNodeContext ctx)
    {
        this.ctx = ctx;
        final int id = ctx.memberId();
        final ClusterMembers members = ctx.members();
        final String host = members.host(id);
        final File nodeDir = ctx.nodeDir().toFile();
        // Aeron's cluster and archive events (a leader heartbeat timeout, a truncated log) are warnings, not errors
        final ErrorHandler errors = error -> ctx.log().accept("node " + id +
            (error instanceof ClusterEvent || error instanceof ArchiveEvent ? ": " : " error: ") + describe(error));
        ownerOnly(ctx.nodeDir());
        for (final String released : DeadOwnerMarkFiles.release(ctx.nodeDir()))
        {
            ctx.log().accept("node " + id + ": released the mark file " + released + ", which is gone");
        }
        service = new MatcherClusteredService(new MatcherServiceContext()
            .memberId(id)
            .journalDir(ctx.nodeDir().resolve("journal"))
            .snapshotDir(ctx.nodeDir().resolve("snapshots"))
            .matcherContext(ctx.matcherContext())
            .log(ctx.log()));

        final MediaDriver.Context driver = new MediaDriver.Context()
            .aeronDirectoryName(ctx.aeronDir())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleStrategies.driverConfigured())
            // log buffers are allocated as they fill: three nodes on one host would otherwise hold every term up front
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .terminationHook(terminated::countDown)
            .errorHandler(errors);
        final Archive.Context archive = new Archive.Context()
            .aeronDirectoryName(ctx.aeronDir())
            .archiveDir(new File(nodeDir, ARCHIVE_DIR))
            .archiveId(id)
            .controlChannel("aeron:udp?endpoint=" + members.endpoint(id, ClusterMembers.ARCHIVE_CONTROL_OFFSET))
            .localControlChannel(LOCAL_CONTROL_CHANNEL)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(IdleStrategies::driverConfigured)
            .deleteArchiveOnStart(false)
            .errorHandler(errors);
        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(LOCAL_CONTROL_CHANNEL)
            .controlRequestStreamId(archive.localControlStreamId())
            .controlResponseChannel(LOCAL_CONTROL_CHANNEL)
            .aeronDirectoryName(ctx.aeronDir());
        final ConsensusModule.Context consensus = new ConsensusModule.Context()
            .clusterMemberId(id)
            .clusterMembers(members.consensusModuleMembers())
            .clusterDir(new File(nodeDir, CLUSTER_DIR))
            .aeronDirectoryName(ctx.aeronDir())
            .archiveContext(archiveClient.clone())
            .serviceCount(1)
            .ingressChannel("aeron:udp")
            .logChannel("aeron:udp?term-length=" + ctx.logTermLength())
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .clusterClock(new NanosecondClusterClock())
            .leaderHeartbeatTimeoutNs(ctx.leaderHeartbeatTimeoutNs())
            .leaderHeartbeatIntervalNs(ctx.leaderHeartbeatIntervalNs())
            .electionTimeoutNs(ctx.electionTimeoutNs())
            .electionStatusIntervalNs(ctx.electionStatusIntervalNs())
            .startupCanvassTimeoutNs(ctx.startupCanvassTimeoutNs())
            .sessionTimeoutNs(ctx.sessionTimeoutNs())
            .authenticatorSupplier(() -> new SharedSecretAuthenticator(ctx.clientSecret()))
            .idleStrategySupplier(IdleStrategies::driverConfigured)
            .terminationHook(terminated::countDown)
            .errorHandler(errors);
        final ClusteredServiceContainer.Context container = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(ctx.aeronDir())
            .archiveContext(archiveClient.clone())
            .clusterDir(new File(nodeDir, CLUSTER_DIR))
            .clusteredService(service)
            .serviceName("databourse-matcher-" + id)
            .idleStrategySupplier(IdleStrategies::configured)
            .terminationHook(terminated::countDown)
            .errorHandler(errors);

        ClusteredMediaDriver started = null;
        try
        {
            started = ClusteredMediaDriver.launch(driver, archive, consensus);
            this.container = ClusteredServiceContainer.launch(container);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(started);
            throw ex;
        }
        this.clusteredMediaDriver = started;
        ctx.log().accept("node " + id + " of " + members.count() + " started: " + members.endpoint(id, 0) +
            " (ingress), data " + ctx.nodeDir().toAbsolutePath() + ", aeron " + ctx.aeronDir());
    }

    /**
     * An error in one line: Aeron's cluster events (elections, a truncated log) are routine and
     * need no trace; anything else names its causes down to the root.
     */
    static String describe(final Throwable error)
    {
        final StringBuilder b = new StringBuilder(String.valueOf(error));
        for (Throwable cause = error.getCause(); null != cause && cause != cause.getCause(); cause = cause.getCause())
        {
            b.append(" <- ").append(cause);
            if (null == cause.getCause())
            {
                final StackTraceElement[] frames = cause.getStackTrace();
                if (frames.length > 0)
                {
                    b.append(" at ").append(frames[0]);
                }
            }
        }
        return b.toString();
    }

    /**
     * The member's directory and the archive's and consensus module's below it, created if need be,
     * readable by their owner only (the journal, the replicated log and the snapshots hold every
     * participant's orders and cash), and what an earlier run left in them made owner-only too.
     * Files Aeron creates while running carry the process's umask; the 0700 directories shut
     * everyone else out of them, and the next start restricts them as well.
     */
    private static void ownerOnly(final Path nodeDir)
    {
        OwnerOnly.createDirectories(nodeDir);
        OwnerOnly.restrictTree(nodeDir);
        OwnerOnly.createDirectories(nodeDir.resolve(ARCHIVE_DIR));
        OwnerOnly.createDirectories(nodeDir.resolve(CLUSTER_DIR));
    }

    /** Concludes the context (if not yet) and starts the node; it joins or elects a leader in the background. */
    public static ClusterNode launch(final ClusterNodeContext ctx)
    {
        return new ClusterNode(ctx.conclude());
    }

    public ClusterNodeContext context()
    {
        return ctx;
    }

    /** The matcher service of this node (tests read its counters after it stops). */
    public MatcherClusteredService service()
    {
        return service;
    }

    /** This member's role now: leader, follower or candidate (during an election). */
    public Cluster.Role role()
    {
        return Cluster.Role.get(clusteredMediaDriver.consensusModule().context().clusterNodeRoleCounter());
    }

    /**
     * Asks the cluster for a snapshot: on the leader it is appended to the log, and every member
     * then writes its own at the same position. False if a control action is already pending.
     */
    public boolean requestSnapshot()
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(clusteredMediaDriver.consensusModule().context().controlToggleCounter());
    }

    /** Snapshots this member has taken since its consensus module started. */
    public long snapshotCount()
    {
        return clusteredMediaDriver.consensusModule().context().snapshotCounter().get();
    }

    /** Waits until the node terminates on its own (the cluster was shut down), up to the timeout; true if it did. */
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return terminated.await(timeout, unit);
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(container, clusteredMediaDriver);
    }
}
