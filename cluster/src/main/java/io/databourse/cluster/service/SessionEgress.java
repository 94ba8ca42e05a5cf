package io.databourse.cluster.service;

import static io.databourse.cluster.protocol.ClusterProtocol.ACK_CORRELATION_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.CATCH_UP_DONE_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_CATCH_UP_DONE;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_HEADER_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_HEARTBEAT;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_MESSAGE_MAX;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_RECORD;
import static io.databourse.cluster.protocol.ClusterProtocol.EGRESS_REPLAYED_RECORD;
import static io.databourse.cluster.protocol.ClusterProtocol.FIRST_SEQ_AVAILABLE_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAGS_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAG_LAST_CHUNK;
import static io.databourse.cluster.protocol.ClusterProtocol.FLAG_MORE;
import static io.databourse.cluster.protocol.ClusterProtocol.FROM_NOW;
import static io.databourse.cluster.protocol.ClusterProtocol.HEARTBEAT_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.KIND_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LAST_CORRELATION_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LAST_SEQ_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.TO_SEQ_OFFSET;

import java.util.function.Consumer;

import io.aeron.DirectBufferVector;
import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.databourse.matcher.RecordChunker;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends records to the cluster's client sessions (only the leader's sends leave the node; a
 * follower's are Aeron's mocked offers, skipped here altogether). Every session gets every record,
 * as every gateway of the single-process exchange reads the whole event stream; the session whose
 * link sent the command also gets the command's correlation id, its acknowledgement.
 * <p>A session that cannot take a record at once misses it rather than stall the cluster for every
 * other gateway; its link sees the gap in seqs and asks for a catch-up. Allocation-free per record.
 */
final class SessionEgress
{
    private static final int SEND_ATTEMPTS = 3;
    /**
     * Bytes of records one catch-up request replays before it says "more" and lets the link ask again:
     * at most half the window of the smallest egress term a link may have (ClusterLinkContext), so
     * that a replay fits the link's window and is paced by the link's reading rather than dropped.
     */
    static final int CATCH_UP_BYTES_MAX = 512 * 1024;

    private final Cluster cluster;
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[CATCH_UP_DONE_LENGTH]);
    private final DirectBufferVector headerVector = new DirectBufferVector();
    private final DirectBufferVector recordVector = new DirectBufferVector();
    private final DirectBufferVector[] vectors = {null, headerVector, recordVector};
    private final DirectBufferVector[] headerOnlyVectors = {null, headerVector};
    private final RecordChunker chunker = new RecordChunker();
    private final Consumer<ClientSession> sendToEach = this::sendToEach;
    private final Consumer<ClientSession> sendHeartbeat = this::sendHeartbeatTo;
    private final RecordChunker.ChunkConsumer chunkToTarget = this::chunkToTarget;

    // the record being broadcast, and to whom it is acknowledged
    private DirectBuffer recordBuffer;
    private int recordOffset;
    private int recordLength;
    private ClientSession origin;
    private long originCorrelation;
    // a chunked record's target and kind
    private ClientSession chunkTarget;
    private int chunkKind;
    private long chunkAck;
    private boolean chunkFailed;

    private long recordsDropped;

    SessionEgress(final Cluster cluster)
    {
        this.cluster = cluster;
    }

    /** Sends a sequenced record to every session, with the acknowledgement for {@code origin}'s link. */
    void broadcast(
        final DirectBuffer buffer, final int offset, final int length, final ClientSession origin, final long correlation)
    {
        if (Cluster.Role.LEADER != cluster.role())
        {
            return;
        }
        recordBuffer = buffer;
        recordOffset = offset;
        recordLength = length;
        this.origin = origin;
        this.originCorrelation = correlation;
        cluster.forEachClientSession(sendToEach);
        recordBuffer = null;
        this.origin = null;
    }

    private void sendToEach(final ClientSession session)
    {
        final long ack = session == origin ? originCorrelation : 0;
        if (!sendRecord(session, EGRESS_RECORD, ack, recordBuffer, recordOffset, recordLength))
        {
            recordsDropped++;
        }
    }

    /**
     * Replays held records from {@code fromSeq} to one session, then says it is done: with
     * {@link io.databourse.cluster.protocol.ClusterProtocol#FLAG_MORE} when it stopped early. A
     * failed send ends the replay silently: the link asks again when its request times out.
     */
    void catchUp(
        final ClientSession session, final long fromSeq, final long lastSeq, final long lastCorrelation,
        final RecentRecords recent)
    {
        if (Cluster.Role.LEADER != cluster.role())
        {
            return;
        }
        // a link that has followed nothing yet (FROM_NOW) starts after the last record: nothing to replay
        long seq = FROM_NOW == fromSeq ? lastSeq + 1 : Math.max(fromSeq, recent.firstSeq());
        long bytes = 0;
        while (seq <= lastSeq && seq < recent.nextSeq() && bytes < CATCH_UP_BYTES_MAX)
        {
            final int length = recent.lengthOf(seq);
            if (!sendRecord(session, EGRESS_REPLAYED_RECORD, 0, recent.buffer(), recent.offsetOf(seq), length))
            {
                return;
            }
            bytes += length;
            seq++;
        }
        final boolean more = seq <= lastSeq && seq < recent.nextSeq();
        header.putInt(KIND_OFFSET, EGRESS_CATCH_UP_DONE);
        header.putInt(FLAGS_OFFSET, more ? FLAG_MORE : 0);
        header.putLong(ACK_CORRELATION_OFFSET, 0);
        header.putLong(TO_SEQ_OFFSET, more ? seq - 1 : lastSeq);
        header.putLong(LAST_CORRELATION_OFFSET, lastCorrelation);
        header.putLong(FIRST_SEQ_AVAILABLE_OFFSET,
            FROM_NOW != fromSeq && fromSeq < recent.firstSeq() ? recent.firstSeq() : fromSeq);
        send(session, header, 0, CATCH_UP_DONE_LENGTH, null, 0, 0);
    }

    /** Tells every session the last seq sent, so that one that missed the end of the stream notices. */
    void heartbeat(final long lastSeq)
    {
        if (Cluster.Role.LEADER != cluster.role())
        {
            return;
        }
        header.putInt(KIND_OFFSET, EGRESS_HEARTBEAT);
        header.putInt(FLAGS_OFFSET, 0);
        header.putLong(ACK_CORRELATION_OFFSET, 0);
        header.putLong(LAST_SEQ_OFFSET, lastSeq);
        cluster.forEachClientSession(sendHeartbeat);
    }

    private void sendHeartbeatTo(final ClientSession session)
    {
        send(session, header, 0, HEARTBEAT_LENGTH, null, 0, 0);
    }

    private boolean sendRecord(
        final ClientSession session, final int kind, final long ack, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (EGRESS_HEADER_LENGTH + length <= EGRESS_MESSAGE_MAX)
        {
            putRecordHeader(kind, FLAG_LAST_CHUNK, ack);
            return send(session, header, 0, EGRESS_HEADER_LENGTH, buffer, offset, length);
        }
        chunkTarget = session;
        chunkKind = kind;
        chunkAck = ack;
        chunkFailed = false;
        chunker.split(buffer, offset, EGRESS_MESSAGE_MAX - EGRESS_HEADER_LENGTH, chunkToTarget);
        chunkTarget = null;
        return !chunkFailed;
    }

    private void chunkToTarget(final DirectBuffer buffer, final int offset, final int length, final boolean last)
    {
        if (chunkFailed)
        {
            return;
        }
        putRecordHeader(chunkKind, last ? FLAG_LAST_CHUNK : 0, last ? chunkAck : 0);
        chunkFailed = !send(chunkTarget, header, 0, EGRESS_HEADER_LENGTH, buffer, offset, length);
    }

    private void putRecordHeader(final int kind, final int flags, final long ack)
    {
        header.putInt(KIND_OFFSET, kind);
        header.putInt(FLAGS_OFFSET, flags);
        header.putLong(ACK_CORRELATION_OFFSET, ack);
    }

    private boolean send(
        final ClientSession session, final DirectBuffer head, final int headOffset, final int headLength,
        final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        headerVector.reset(head, headOffset, headLength);
        final DirectBufferVector[] message;
        if (null == body)
        {
            message = headerOnlyVectors;
        }
        else
        {
            recordVector.reset(body, bodyOffset, bodyLength);
            message = vectors;
        }
        // no waiting on a back-pressured session: the log must not slow down for one slow or dead
        // gateway (which stays back-pressured until its session times out); the gateway catches up
        for (int attempt = 0; attempt < SEND_ATTEMPTS; attempt++)
        {
            final long result;
            try
            {
                result = session.offer(message);
            }
            catch (final IllegalArgumentException ex)
            {
                // longer than the client's egress term allows (a client configured below the protocol's
                // EGRESS_TERM_LENGTH): that client misses it, the cluster goes on
                return false;
            }
            if (result > 0)
            {
                return true;
            }
            if (Publication.ADMIN_ACTION != result)
            {
                return false;
            }
        }
        return false;
    }

    /** Records some session missed because it could not take them (its link catches up). */
    long recordsDropped()
    {
        return recordsDropped;
    }
}
