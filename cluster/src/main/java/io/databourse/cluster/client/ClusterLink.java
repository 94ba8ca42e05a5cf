package io.databourse.cluster.client;

import static io.databourse.cluster.protocol.ClusterProtocol.ACK_CORRELATION_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.CATCH_UP_DONE_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_CATCH_UP_DONE;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_HEADER_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_HEARTBEAT;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_RECORD;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_REPLAYED_RECORD;
import static io.databourse.cluster.protocol.ClusterProtocol.FIRST_SEQ_AVAILABLE_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAGS_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAG_LAST_CHUNK;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAG_MORE;
import static io.databourse.cluster.protocol.ClusterProtocol.HEARTBEAT_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.KIND_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LAST_CORRELATION_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LAST_SEQ_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.TO_SEQ_OFFSET;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.logbuffer.Header;
import io.databourse.gateway.link.ExchangeLink;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

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
 * <p>Parts: {@link ClusterConnector} (opening sessions, with back-off), {@link ClusterIngress} (what
 * is sent), {@link FollowedRecords} (what is delivered), {@link InFlightCommands} (what awaits its
 * acknowledgement); this class is the state machine that ties them to the leader's answers.
 */
public final class ClusterLink implements ExchangeLink
{
    private enum State
    {
        CONNECTING, CATCHING_UP, RESENDING, LIVE, CLOSED
    }

    private final ClusterLinkContext ctx;
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final ReentrantLock lock = new ReentrantLock();
    private final InFlightCommands inFlight;
    private final ClusterIngress ingress;
    private final ClusterConnector connector;
    private final FollowedRecords records;

    private State state = State.CONNECTING;
    private AeronCluster client;
    private RecordsHandler handler;
    private long nextCorrelation = 1;
    private long catchUpFromSeq;
    private boolean catchUpSent;
    private long catchUpSentNs;
    private long resendPosition;
    private long lastIngressNs;
    /** When the current interruption (leader change, lost session) was noticed; 0 when live. */
    private long interruptedAtNs;

    private long leaderChanges;
    private long sessionsOpened;
    private long catchUps;
    private long commandsResent;
    private long lastInterruptionNs;
    private long longestInterruptionNs;

    public ClusterLink(final ClusterLinkContext ctx)
    {
        this.ctx = ctx.conclude();
        this.ownsAeron = null == ctx.aeron();
        this.aeron = ownsAeron ? Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())) : ctx.aeron();
        this.inFlight = new InFlightCommands(ctx.inFlightMax());
        this.connector = new ClusterConnector(this.ctx, aeron, new Egress());
        this.records = new FollowedRecords(this.ctx);
        final SecureRandom random = new SecureRandom();
        long id;
        do
        {
            id = random.nextLong();
        }
        while (0 == id);
        this.ingress = new ClusterIngress(id);
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
            final long result = ingress.offerCommand(client, correlationId, buffer, offset, length);
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
            final AeronCluster connected = connector.poll(nowNs);
            if (null == connected)
            {
                return 0;
            }
            client = connected;
            sessionsOpened++;
            lastIngressNs = nowNs;
            ctx.log().accept("cluster link: session " + client.clusterSessionId() + " open, leader member " +
                client.leaderMemberId() + " (term " + client.leadershipTermId() + ")");
            startCatchUp(nowNs);
            return 1;
        }
        catch (final RuntimeException ex)
        {
            connector.onFailure(nowNs, ex);
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
                    catchUpFromSeq = records.beginCatchUp();
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
        connector.retryAt(nowNs);
        if (0 == interruptedAtNs)
        {
            interruptedAtNs = nowNs;
        }
    }

    private void startCatchUp(final long nowNs)
    {
        state = State.CATCHING_UP;
        catchUpFromSeq = records.beginCatchUp();
        catchUpSent = false;
        sendCatchUp(nowNs);
    }

    private int sendCatchUp(final long nowNs)
    {
        if (ingress.offerCatchUp(client, catchUpFromSeq) > 0)
        {
            catchUpSent = true;
            catchUpSentNs = nowNs;
            lastIngressNs = nowNs;
            catchUps++;
            return 1;
        }
        return 0;
    }

    /** Sends again, in order, the commands the cluster did not sequence; live once all are sent. */
    private int resend(final long nowNs)
    {
        int sent = 0;
        while (resendPosition < inFlight.end())
        {
            final long p = resendPosition;
            if (ingress.offerCommand(client, inFlight.correlationAt(p), inFlight.commandAt(p), 0, inFlight.lengthAt(p)) <= 0)
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
                " ms at seq " + records.deliveredSeq() + (sent > 0 ? ", " + sent + " commands the old leader lost sent again" : ""));
        }
        return sent + 1;
    }

    private void onRecord(
        final DirectBuffer buffer, final int offset, final int length, final boolean lastChunk, final boolean replayed)
    {
        if (!records.onRecord(handler, buffer, offset, length, lastChunk, replayed))
        {
            // records this link missed (the leader could not send them): they are still to be had
            interruptedAtNs = System.nanoTime();
            startCatchUp(interruptedAtNs);
        }
    }

    private void onCatchUpDone(final long toSeq, final long lastCorrelation, final long firstSeqAvailable, final boolean more)
    {
        records.onCatchUpAnswered(toSeq, firstSeqAvailable, catchUpFromSeq);
        if (more)
        {
            catchUpFromSeq = toSeq + 1;
            catchUpSent = false;
            sendCatchUp(System.nanoTime());
            return;
        }
        records.onCatchUpDone(toSeq);
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
                length >= HEARTBEAT_LENGTH && records.isBehind(buffer.getLong(offset + LAST_SEQ_OFFSET)))
            {
                // records sent before this heartbeat never reached this link: the leader could not send them
                ctx.log().accept("cluster link: the leader is at seq " + buffer.getLong(offset + LAST_SEQ_OFFSET) +
                    ", this gateway at " + records.deliveredSeq() + "; catching up");
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
                "); catching up from seq " + (records.deliveredSeq() + 1));
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
        return records.epoch();
    }

    /** The last record delivered whole (event thread). */
    public long deliveredSeq()
    {
        return records.deliveredSeq();
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
        return records.recordsMissed();
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
            connector.close();
            CloseHelper.quietClose(client);
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
