package io.databourse.cluster.client;

import static io.databourse.cluster.protocol.ClusterProtocol.ACK_CORRELATION_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.CATCH_UP_DONE_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.CATCH_UP_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.CORRELATION_ID_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_CATCH_UP_DONE;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_HEADER_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_HEARTBEAT;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_RECORD;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_REPLAYED_RECORD;
import static io.databourse.cluster.protocol.ClusterProtocol.FIRST_SEQ_AVAILABLE_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAGS_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAG_LAST_CHUNK;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAG_MORE;
import static io.databourse.cluster.protocol.ClusterProtocol.FROM_NOW;
import static io.databourse.cluster.protocol.ClusterProtocol.FROM_SEQ_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.HEARTBEAT_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_CATCH_UP;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_COMMAND;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_HEADER_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.KIND_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LAST_CORRELATION_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LAST_SEQ_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LINK_ID_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.TO_SEQ_OFFSET;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.aeron.Aeron;
import io.aeron.DirectBufferVector;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.logbuffer.Header;
import io.aeron.security.CredentialsSupplier;
import io.databourse.gateway.link.ExchangeLink;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A gateway's link to the replicated matcher: an Aeron Cluster client that follows the leader.
 * <p>Commands are numbered (correlation ids 1, 2, 3, ...) and kept until the record that sequenced
 * them comes back acknowledged ({@link InFlightCommands}). When the leader changes, or the cluster
 * session is lost and opened again, the link stops taking commands and asks the new leader to
 * catch it up: every record since the last one it delivered, then the number of the last of its
 * commands the cluster sequenced. Commands up to that number were sequenced (their records are in
 * the catch-up, so the gateway resolves them by ClOrdID as usual); the ones after it were lost with
 * the old leader and are sent again, in order, before any new command. A command is therefore
 * never lost once taken, and never sequenced twice (the service also drops any copy numbered at
 * or below the last it sequenced). While the link is not live, offers fail as "not connected",
 * which the gateway reports to the FIX client as a busy exchange rather than queueing orders whose
 * fate it could not vouch for. Records are delivered in seq order, each at most once.
 * <p>Threads: {@link #offer} from any session thread, the rest from the gateway's event thread;
 * one lock guards the Aeron Cluster client, which is not thread-safe (uncontended with the default
 * single I/O thread).
 */
public final class ClusterLink implements ExchangeLink
{
    private static final long CONNECT_RETRY_MIN_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CONNECT_RETRY_MAX_NS = TimeUnit.SECONDS.toNanos(2);
    /** A failure to connect that repeats is logged again at most this often. */
    private static final long CONNECT_LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);

    private enum State
    {
        CONNECTING, CATCHING_UP, RESENDING, LIVE, CLOSED
    }

    private final ClusterLinkContext ctx;
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final ReentrantLock lock = new ReentrantLock();
    private final long linkId;
    private final InFlightCommands inFlight;
    private final UnsafeBuffer ingressHeader = new UnsafeBuffer(new byte[CATCH_UP_LENGTH]);
    private final DirectBufferVector headerVector = new DirectBufferVector();
    private final DirectBufferVector commandVector = new DirectBufferVector();
    private final DirectBufferVector[] commandVectors = {null, headerVector, commandVector};
    private final DirectBufferVector[] headerOnlyVectors = {null, headerVector};
    private final EgressListener egressListener = new Egress();
    private final CredentialsSupplier credentials;

    private State state = State.CONNECTING;
    private AeronCluster.AsyncConnect connecting;
    private long connectRetryAtNs;
    private long connectRetryNs = CONNECT_RETRY_MIN_NS;
    private String lastConnectFailure;
    private long lastConnectFailureLoggedNs;
    private AeronCluster client;
    private RecordsHandler handler;
    private long nextCorrelation = 1;
    /** Whether this link has followed the record stream yet (after its first catch-up). */
    private boolean following;
    /** The last record delivered whole. */
    private long deliveredSeq;
    /** A record delivered in part (some of its chunks), else 0; and how many of its chunks. */
    private long partialSeq;
    private int partialChunksDelivered;
    private int partialChunksSeen;
    private long catchUpFromSeq;
    private boolean catchUpSent;
    private long catchUpSentNs;
    private long resendPosition;
    private long lastIngressNs;
    private long epoch;
    /** When the current interruption (leader change, lost session) was noticed; 0 when live. */
    private long interruptedAtNs;

    private long leaderChanges;
    private long sessionsOpened;
    private long catchUps;
    private long commandsResent;
    private long recordsMissed;
    private long lastInterruptionNs;
    private long longestInterruptionNs;

    public ClusterLink(final ClusterLinkContext ctx)
    {
        this.ctx = ctx.conclude();
        this.ownsAeron = null == ctx.aeron();
        this.aeron = ownsAeron ? Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())) : ctx.aeron();
        this.inFlight = new InFlightCommands(ctx.inFlightMax());
        final byte[] secret = ctx.secret().clone();
        this.credentials = new CredentialsSupplier()
        {
            @Override
            public byte[] encodedCredentials()
            {
                return secret;
            }

            @Override
            public byte[] onChallenge(final byte[] encodedChallenge)
            {
                return new byte[0];
            }
        };
        final SecureRandom random = new SecureRandom();
        long id;
        do
        {
            id = random.nextLong();
        }
        while (0 == id);
        this.linkId = id;
        ingressHeader.putLong(LINK_ID_OFFSET, linkId);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        lock.lock();
        try
        {
            if (State.LIVE != state)
            {
                return Publication.NOT_CONNECTED;
            }
            if (inFlight.isFull())
            {
                return Publication.BACK_PRESSURED;
            }
            final long correlationId = nextCorrelation;
            final long result = sendCommand(correlationId, buffer, offset, length);
            if (result > 0)
            {
                final long nowNs = System.nanoTime();
                inFlight.add(correlationId, nowNs, buffer, offset, length);
                nextCorrelation++;
                lastIngressNs = nowNs;
                return result;
            }
            // a closed session or publication is the leader changing: the link reconnects, the caller retries later
            return Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result ?
                Publication.NOT_CONNECTED : result;
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public int poll(final RecordsHandler handler, final int limit)
    {
        lock.lock();
        try
        {
            this.handler = handler;
            final long nowNs = System.nanoTime();
            switch (state)
            {
                case CLOSED:
                    return 0;
                case CONNECTING:
                    return pollConnect(nowNs);
                default:
                    int work = client.pollEgress();
                    if (client.isClosed())
                    {
                        onSessionLost(nowNs);
                        return work + 1;
                    }
                    return work + duty(nowNs);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private int pollConnect(final long nowNs)
    {
        try
        {
            if (null == connecting)
            {
                if (nowNs < connectRetryAtNs)
                {
                    return 0;
                }
                connecting = AeronCluster.asyncConnect(new AeronCluster.Context()
                    .aeron(aeron)
                    .ownsAeronClient(false)
                    .ingressChannel("aeron:udp")
                    .ingressEndpoints(ctx.ingressEndpoints())
                    .egressChannel("aeron:udp?endpoint=" + ctx.egressHost() + ":0|term-length=" + ctx.egressTermLength())
                    .egressListener(egressListener)
                    .credentialsSupplier(credentials)
                    .messageTimeoutNs(ctx.connectTimeoutNs())
                    .idleStrategy(new BackoffIdleStrategy(1, 10, 1_000, 1_000_000)));
            }
            final AeronCluster connected = connecting.poll();
            if (null == connected)
            {
                return 0;
            }
            connecting = null;
            client = connected;
            sessionsOpened++;
            connectRetryNs = CONNECT_RETRY_MIN_NS;
            lastConnectFailure = null;
            lastIngressNs = nowNs;
            ctx.log().accept("cluster link: session " + client.clusterSessionId() + " open, leader member " +
                client.leaderMemberId() + " (term " + client.leadershipTermId() + ")");
            startCatchUp(nowNs);
            return 1;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(connecting);
            connecting = null;
            connectRetryAtNs = nowNs + connectRetryNs;
            connectRetryNs = Math.min(CONNECT_RETRY_MAX_NS, connectRetryNs * 2);
            final String failure = String.valueOf(ex.getMessage());
            if (!failure.equals(lastConnectFailure) || nowNs - lastConnectFailureLoggedNs > CONNECT_LOG_INTERVAL_NS)
            {
                ctx.log().accept("cluster link: no cluster session yet (" + failure + "); retrying");
                lastConnectFailure = failure;
                lastConnectFailureLoggedNs = nowNs;
            }
            return 0;
        }
    }

    private int duty(final long nowNs)
    {
        switch (state)
        {
            case CATCHING_UP:
                if (catchUpSent && nowNs - catchUpSentNs > ctx.catchUpTimeoutNs())
                {
                    // unanswered (its replay could not be sent whole): ask again from what did arrive
                    catchUpFromSeq = catchUpFrom();
                    partialChunksSeen = 0;
                    catchUpSent = false;
                }
                return catchUpSent ? 0 : sendCatchUp(nowNs);
            case RESENDING:
                return resend(nowNs);
            case LIVE:
                if (!inFlight.isEmpty() && nowNs - inFlight.oldestSentNs() > ctx.ackTimeoutNs())
                {
                    ctx.log().accept("cluster link: command " + inFlight.correlationAt(inFlight.start()) +
                        " unacknowledged for " + TimeUnit.NANOSECONDS.toMillis(nowNs - inFlight.oldestSentNs()) +
                        " ms; catching up");
                    interruptedAtNs = nowNs;
                    startCatchUp(nowNs);
                    return 1;
                }
                if (nowNs - lastIngressNs > ctx.keepAliveIntervalNs() && client.sendKeepAlive())
                {
                    lastIngressNs = nowNs;
                    return 1;
                }
                return 0;
            default:
                return 0;
        }
    }

    private void onSessionLost(final long nowNs)
    {
        ctx.log().accept("cluster link: session " + client.clusterSessionId() + " closed by the cluster; reconnecting");
        CloseHelper.quietClose(client);
        client = null;
        state = State.CONNECTING;
        connectRetryAtNs = nowNs;
        if (0 == interruptedAtNs)
        {
            interruptedAtNs = nowNs;
        }
    }

    private void startCatchUp(final long nowNs)
    {
        state = State.CATCHING_UP;
        catchUpFromSeq = catchUpFrom();
        partialChunksSeen = 0;
        catchUpSent = false;
        sendCatchUp(nowNs);
    }

    /** Where a catch-up starts: after the last record delivered whole, or at a partly delivered one. */
    private long catchUpFrom()
    {
        return !following ? FROM_NOW : 0 != partialSeq ? partialSeq : deliveredSeq + 1;
    }

    private int sendCatchUp(final long nowNs)
    {
        ingressHeader.putInt(KIND_OFFSET, INGRESS_CATCH_UP);
        ingressHeader.putLong(CORRELATION_ID_OFFSET, 0);
        ingressHeader.putLong(FROM_SEQ_OFFSET, catchUpFromSeq);
        headerVector.reset(ingressHeader, 0, CATCH_UP_LENGTH);
        if (client.offer(headerOnlyVectors) > 0)
        {
            catchUpSent = true;
            catchUpSentNs = nowNs;
            lastIngressNs = nowNs;
            catchUps++;
            return 1;
        }
        return 0;
    }

    private long sendCommand(final long correlationId, final DirectBuffer buffer, final int offset, final int length)
    {
        ingressHeader.putInt(KIND_OFFSET, INGRESS_COMMAND);
        ingressHeader.putLong(CORRELATION_ID_OFFSET, correlationId);
        headerVector.reset(ingressHeader, 0, INGRESS_HEADER_LENGTH);
        commandVector.reset(buffer, offset, length);
        return client.offer(commandVectors);
    }

    /** Sends again, in order, the commands the cluster did not sequence; live once all are sent. */
    private int resend(final long nowNs)
    {
        int sent = 0;
        while (resendPosition < inFlight.end())
        {
            final long p = resendPosition;
            if (sendCommand(inFlight.correlationAt(p), inFlight.commandAt(p), 0, inFlight.lengthAt(p)) <= 0)
            {
                return sent;
            }
            inFlight.sentAgain(p, nowNs);
            lastIngressNs = nowNs;
            resendPosition++;
            commandsResent++;
            sent++;
        }
        state = State.LIVE;
        if (0 != interruptedAtNs)
        {
            lastInterruptionNs = nowNs - interruptedAtNs;
            longestInterruptionNs = Math.max(longestInterruptionNs, lastInterruptionNs);
            interruptedAtNs = 0;
            ctx.log().accept("cluster link: live again after " + TimeUnit.NANOSECONDS.toMillis(lastInterruptionNs) +
                " ms at seq " + deliveredSeq + (sent > 0 ? ", " + sent + " commands the old leader lost sent again" : ""));
        }
        return sent + 1;
    }

    private void onRecord(
        final DirectBuffer buffer, final int offset, final int length, final boolean lastChunk, final boolean replayed)
    {
        final long seq = buffer.getLong(offset + JournalRecord.SEQ_OFFSET);
        if (!following)
        {
            return; // before the first catch-up says where the stream stands
        }
        if (0 != partialSeq)
        {
            if (seq != partialSeq)
            {
                return; // the rest of the partly delivered record comes first, in a catch-up if need be
            }
            if (++partialChunksSeen <= partialChunksDelivered)
            {
                return; // a chunk delivered before the catch-up
            }
            handler.onRecords(buffer, offset, length);
            partialChunksDelivered++;
            if (lastChunk)
            {
                deliveredSeq = seq;
                partialSeq = 0;
                partialChunksDelivered = 0;
            }
            return;
        }
        if (seq <= deliveredSeq)
        {
            return;
        }
        if (seq > deliveredSeq + 1 && !replayed)
        {
            // records this link missed (the leader could not send them): they are still to be had
            interruptedAtNs = System.nanoTime();
            startCatchUp(interruptedAtNs);
            return;
        }
        handler.onRecords(buffer, offset, length);
        if (lastChunk)
        {
            deliveredSeq = seq;
        }
        else
        {
            partialSeq = seq;
            partialChunksDelivered = 1;
            partialChunksSeen = 1;
        }
    }

    private void onCatchUpDone(final long toSeq, final long lastCorrelation, final long firstSeqAvailable, final boolean more)
    {
        if (!following)
        {
            following = true;
            deliveredSeq = toSeq;
            epoch++;
        }
        else if (toSeq < deliveredSeq)
        {
            ctx.log().accept("cluster link: the cluster is at seq " + toSeq + ", behind the " + deliveredSeq +
                " this gateway followed: another exchange's history; following it from here");
            deliveredSeq = toSeq;
            partialSeq = 0;
            epoch++;
        }
        else if (firstSeqAvailable > catchUpFromSeq && FROM_NOW != catchUpFromSeq)
        {
            recordsMissed += firstSeqAvailable - catchUpFromSeq;
            ctx.log().accept("cluster link: records " + catchUpFromSeq + " to " + (firstSeqAvailable - 1) +
                " are no longer held by the leader; this gateway's sessions miss their reports (order status has them)");
        }
        if (more)
        {
            catchUpFromSeq = toSeq + 1;
            catchUpSent = false;
            sendCatchUp(System.nanoTime());
            return;
        }
        if (deliveredSeq < toSeq && 0 == partialSeq)
        {
            deliveredSeq = toSeq;
        }
        inFlight.acknowledge(lastCorrelation);
        resendPosition = inFlight.start();
        state = State.RESENDING;
        resend(System.nanoTime());
    }

    /** Egress of the cluster session: records, catch-up answers, leader changes. Called inside pollEgress. */
    private final class Egress implements EgressListener
    {
        @Override
        public void onMessage(
            final long clusterSessionId, final long timestamp, final DirectBuffer buffer, final int offset, final int length,
            final Header header)
        {
            if (length < EGRESS_HEADER_LENGTH)
            {
                return;
            }
            final int kind = buffer.getInt(offset + KIND_OFFSET);
            final boolean lastChunk = 0 != (buffer.getInt(offset + FLAGS_OFFSET) & FLAG_LAST_CHUNK);
            final int recordOffset = offset + EGRESS_HEADER_LENGTH;
            final int recordLength = length - EGRESS_HEADER_LENGTH;
            if (EGRESS_RECORD == kind && (State.LIVE == state || State.RESENDING == state))
            {
                onRecord(buffer, recordOffset, recordLength, lastChunk, false);
                final long ack = buffer.getLong(offset + ACK_CORRELATION_OFFSET);
                if (ack > 0)
                {
                    inFlight.acknowledge(ack);
                }
            }
            else if (EGRESS_REPLAYED_RECORD == kind && State.CATCHING_UP == state)
            {
                onRecord(buffer, recordOffset, recordLength, lastChunk, true);
            }
            else if (EGRESS_HEARTBEAT == kind && (State.LIVE == state || State.RESENDING == state) &&
                length >= HEARTBEAT_LENGTH && following && 0 == partialSeq &&
                buffer.getLong(offset + LAST_SEQ_OFFSET) > deliveredSeq)
            {
                // records sent before this heartbeat never reached this link: the leader could not send them
                ctx.log().accept("cluster link: the leader is at seq " + buffer.getLong(offset + LAST_SEQ_OFFSET) +
                    ", this gateway at " + deliveredSeq + "; catching up");
                interruptedAtNs = System.nanoTime();
                startCatchUp(interruptedAtNs);
            }
            else if (EGRESS_CATCH_UP_DONE == kind && State.CATCHING_UP == state && length >= CATCH_UP_DONE_LENGTH)
            {
                onCatchUpDone(buffer.getLong(offset + TO_SEQ_OFFSET), buffer.getLong(offset + LAST_CORRELATION_OFFSET),
                    buffer.getLong(offset + FIRST_SEQ_AVAILABLE_OFFSET),
                    0 != (buffer.getInt(offset + FLAGS_OFFSET) & FLAG_MORE));
            }
            // anything else was sent before this link's catch-up and is in it
        }

        @Override
        public void onSessionEvent(
            final long correlationId, final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final EventCode code, final String detail)
        {
            if (EventCode.OK != code)
            {
                ctx.log().accept("cluster link: session event " + code + " (leader member " + leaderMemberId + "): " + detail);
            }
        }

        @Override
        public void onNewLeader(
            final long clusterSessionId, final long leadershipTermId, final int leaderMemberId, final String ingressEndpoints)
        {
            final long nowNs = System.nanoTime();
            leaderChanges++;
            if (0 == interruptedAtNs)
            {
                interruptedAtNs = nowNs;
            }
            ctx.log().accept("cluster link: new leader member " + leaderMemberId + " (term " + leadershipTermId +
                "); catching up from seq " + (deliveredSeq + 1));
            startCatchUp(nowNs);
        }
    }

    /** Commands are taken only when live: caught up, and every command the old leader lost sent again. */
    @Override
    public boolean isConnected()
    {
        return State.LIVE == state;
    }

    @Override
    public long eventStreamEpoch()
    {
        return epoch;
    }

    /** The last record delivered whole (event thread). */
    public long deliveredSeq()
    {
        return deliveredSeq;
    }

    public long leaderChanges()
    {
        return leaderChanges;
    }

    public long sessionsOpened()
    {
        return sessionsOpened;
    }

    public long catchUps()
    {
        return catchUps;
    }

    /** Commands the old leader lost, sent again to the new one. */
    public long commandsResent()
    {
        return commandsResent;
    }

    /** Records the cluster no longer held when this link asked for them. */
    public long recordsMissed()
    {
        return recordsMissed;
    }

    /** How long the last interruption (leader change, lost session, missed records) kept the link from taking commands. */
    public long lastInterruptionNs()
    {
        return lastInterruptionNs;
    }

    public long longestInterruptionNs()
    {
        return longestInterruptionNs;
    }

    /** Commands sent and not yet acknowledged. */
    public int inFlight()
    {
        lock.lock();
        try
        {
            return inFlight.size();
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public void close()
    {
        lock.lock();
        try
        {
            state = State.CLOSED;
            CloseHelper.quietClose(connecting);
            CloseHelper.quietClose(client);
            connecting = null;
            client = null;
            if (ownsAeron)
            {
                CloseHelper.quietClose(aeron);
            }
        }
        finally
        {
            lock.unlock();
        }
    }
}
