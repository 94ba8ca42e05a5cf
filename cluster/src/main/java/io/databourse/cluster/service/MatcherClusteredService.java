package io.databourse.cluster.service;

import static io.databourse.cluster.protocol.ClusterProtocol.CATCH_UP_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.CORRELATION_ID_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.FROM_SEQ_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.HEARTBEAT_INTERVAL_NS;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_CATCH_UP;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_COMMAND;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_HEADER_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.KIND_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LINK_ID_OFFSET;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.Sequencer;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The matcher as an Aeron Cluster service. The cluster's committed log is the order of commands
 * and its timestamp (nanoseconds) the sequencer's time, so every node applies the same commands
 * at the same times and computes the same events, which each node journals to its own Chronicle
 * journal ({@link NodeJournal}) exactly as the single-process matcher does. The leader sends every
 * record to every client session ({@link SessionEgress}); a client never hears of a command that
 * is not committed, since the service only ever sees committed ones.
 * <p>Client links number their commands; the service keeps each link's last sequenced number
 * ({@link LinkTable}, replicated state), drops a copy of one already sequenced, and tells a link
 * that catches up after a leader change where it stands ({@link io.databourse.cluster.protocol.ClusterProtocol}).
 * <p>Snapshots: a header of the service's own, then the matcher's state as the member's snapshot
 * file in the matcher's one format ({@link MatcherStateSnapshots}); on start the snapshot is loaded,
 * the journal positioned after its seq, and the cluster replays the log after it, each record
 * checked against the journal where the journal already holds it.
 */
public final class MatcherClusteredService implements ClusteredService
{
    /** Aeron counter type of the seq each node's matcher has applied (shown by cluster status). */
    public static final int SEQ_COUNTER_TYPE_ID = 1_001_001;
    private static final long HEARTBEAT_TIMER_ID = 1;

    private final MatcherServiceContext ctx;
    private final MatcherStateSnapshots stateSnapshots;
    private final LinkTable links;
    private final Consumer<String> log;
    private final String name;
    private Cluster cluster;
    private NodeJournal journal;
    private Matcher matcher;
    private Sequencer sequencer;
    private RecentRecords recent;
    private SessionEgress egress;
    /** The last seq applied, for watchers outside the service's thread (cluster status, tests). */
    private volatile AtomicCounter seqCounter;
    // the command being sequenced: which session and which of its link's commands it is
    private ClientSession origin;
    private long originCorrelation;

    private long commandsSequenced;
    private long duplicatesDropped;
    private long malformedMessages;
    private long catchUpsServed;
    private long snapshotsTaken;
    private volatile SnapshotStore.Info snapshotLoaded;
    private volatile SnapshotStore.Info snapshotTaken;

    public MatcherClusteredService(final MatcherServiceContext ctx)
    {
        this.ctx = ctx.conclude();
        this.stateSnapshots = new MatcherStateSnapshots(ctx.snapshotDir(), ctx.snapshotsRetained());
        this.links = new LinkTable(ctx.linksMax());
        this.log = ctx.log();
        this.name = "node " + ctx.memberId();
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        journal = NodeJournal.open(ctx.journalDir());
        matcher = null == snapshotImage ? new Matcher(ctx.matcherContext()) : loadSnapshot(snapshotImage);
        sequencer = new Sequencer(matcher, null, this::onRecord, false);
        recent = new RecentRecords(ctx.recentRecordsBytes(), ctx.recentRecordsMax());
        egress = new SessionEgress(cluster);
        seqCounter = cluster.aeron().addCounter(SEQ_COUNTER_TYPE_ID, "databourse matcher seq: node " + ctx.memberId());
        seqCounter.setOrdered(matcher.lastSeq());
        log.accept(name + ": matcher at seq " + matcher.lastSeq() + ", journal " +
            journal.directory() + (null == snapshotImage ? " (no snapshot)" : " (from a snapshot)"));
    }

    private Matcher loadSnapshot(final Image snapshotImage)
    {
        final SnapshotChannels.In in = new SnapshotChannels.In(snapshotImage, cluster.idleStrategy());
        try
        {
            final ServiceSnapshot snapshot = ServiceSnapshot.readHeader(in, links);
            if (!MatcherStateSnapshots.FORMAT.equals(snapshot.format))
            {
                throw new IllegalStateException("the snapshot holds the matcher's state as \"" + snapshot.format +
                    "\"; this node reads \"" + MatcherStateSnapshots.FORMAT + "\"");
            }
            final MatcherStateSnapshots.Loaded loaded = stateSnapshots.read(
                ctx.matcherContext(), in, snapshot.seq, snapshot.timeNs);
            journal.skipTo(snapshot.seq, snapshot.timeNs, snapshot.journalIndex);
            snapshotLoaded = loaded.info();
            log.accept(name + ": loaded the cluster snapshot at seq " + snapshot.seq + ", state " +
                loaded.info().stateHashHex().substring(0, 16) + "...");
            return loaded.matcher();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot load the cluster snapshot", ex);
        }
    }

    /** Every term states the unit of the log's timestamps, which are the matcher's time: nanoseconds. */
    @Override
    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final TimeUnit timeUnit,
        final int appVersion)
    {
        if (TimeUnit.NANOSECONDS != timeUnit)
        {
            throw new IllegalStateException("the matcher's time is in nanoseconds: the consensus module must use a " +
                "NanosecondClusterClock, not one in " + timeUnit);
        }
        // one heartbeat timer for the cluster's life: scheduled again (same id) at every term, in the log
        cluster.scheduleTimer(HEARTBEAT_TIMER_ID, timestamp + HEARTBEAT_INTERVAL_NS);
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (length < INGRESS_HEADER_LENGTH)
        {
            malformedMessages++;
            return;
        }
        final int kind = buffer.getInt(offset + KIND_OFFSET);
        final long linkId = buffer.getLong(offset + LINK_ID_OFFSET);
        if (INGRESS_COMMAND == kind)
        {
            onCommand(session, timestamp, linkId, buffer.getLong(offset + CORRELATION_ID_OFFSET), buffer,
                offset + INGRESS_HEADER_LENGTH, length - INGRESS_HEADER_LENGTH);
        }
        else if (INGRESS_CATCH_UP == kind && length >= CATCH_UP_LENGTH && null != session)
        {
            catchUpsServed++;
            egress.catchUp(session, buffer.getLong(offset + FROM_SEQ_OFFSET), matcher.lastSeq(),
                links.lastCorrelation(linkId), recent);
        }
        else
        {
            // not a message of this protocol: nothing is sequenced, on every node alike
            malformedMessages++;
        }
    }

    private void onCommand(
        final ClientSession session, final long timestamp, final long linkId, final long correlationId,
        final DirectBuffer buffer, final int offset, final int length)
    {
        if (!links.isNew(linkId, correlationId))
        {
            // a copy of a command already sequenced (or numbered 0): applying it again would execute it twice
            duplicatesDropped++;
            return;
        }
        origin = session;
        originCorrelation = correlationId;
        final long seq = sequencer.sequenceNow(timestamp, buffer, offset, length);
        links.onSequenced(linkId, correlationId, seq);
        origin = null;
        commandsSequenced++;
    }

    /** A sequenced record (command and events): journaled, kept for catch-ups, sent to the clients. */
    private void onRecord(final DirectBuffer buffer, final int offset, final int length)
    {
        journal.onRecord(buffer, offset, length);
        recent.add(buffer, offset, length);
        egress.broadcast(buffer, offset, length, origin, originCorrelation);
        seqCounter.setOrdered(buffer.getLong(offset + JournalRecord.SEQ_OFFSET));
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (HEARTBEAT_TIMER_ID == correlationId)
        {
            egress.heartbeat(matcher.lastSeq());
            cluster.scheduleTimer(HEARTBEAT_TIMER_ID, timestamp + HEARTBEAT_INTERVAL_NS);
        }
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        assert journal.lastSeq() == matcher.lastSeq() : "journal at " + journal.lastSeq() + ", matcher at " + matcher.lastSeq();
        final SnapshotChannels.Out out = new SnapshotChannels.Out(snapshotPublication, cluster.idleStrategy());
        try
        {
            ServiceSnapshot.writeHeader(out, matcher.lastSeq(), matcher.lastTimeNs(), journal.lastIndex(),
                MatcherStateSnapshots.FORMAT, links);
            snapshotTaken = stateSnapshots.write(matcher, journal.lastIndex(), out);
            out.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the cluster snapshot", ex);
        }
        snapshotsTaken++;
        log.accept(name + ": snapshot " + snapshotTaken + ", " + out.bytesWritten() + " bytes into the cluster's");
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        log.accept(name + ": now " + newRole + " at seq " + matcher.lastSeq());
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        CloseHelper.quietClose(seqCounter);
        if (null != journal)
        {
            journal.close();
        }
    }

    /** The last seq this node applied (any thread). */
    public long appliedSeq()
    {
        final AtomicCounter counter = seqCounter;
        return null == counter || counter.isClosed() ? -1 : counter.get();
    }

    /** The matcher (tests; the service's thread only). */
    public Matcher matcher()
    {
        return matcher;
    }

    public long commandsSequenced()
    {
        return commandsSequenced;
    }

    /** Commands dropped as copies of ones already sequenced. */
    public long duplicatesDropped()
    {
        return duplicatesDropped;
    }

    public long malformedMessages()
    {
        return malformedMessages;
    }

    public long catchUpsServed()
    {
        return catchUpsServed;
    }

    public long snapshotsTaken()
    {
        return snapshotsTaken;
    }

    /** The snapshot file this member wrote last (in its snapshot directory), or null (any thread). */
    public SnapshotStore.Info snapshotTaken()
    {
        return snapshotTaken;
    }

    /** The snapshot the member started from (spooled to its snapshot directory, then removed), or null (any thread). */
    public SnapshotStore.Info snapshotLoaded()
    {
        return snapshotLoaded;
    }

    /** Records the replay after a restart produced that the journal already held (checked, not appended). */
    public long journalRecordsChecked()
    {
        return null == journal ? 0 : journal.recordsChecked();
    }

    /** Records some session missed because it could not take them. */
    public long egressRecordsDropped()
    {
        return null == egress ? 0 : egress.recordsDropped();
    }
}
