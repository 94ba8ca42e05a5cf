package io.databourse.cluster.client;

import static io.databourse.cluster.protocol.ClusterProtocol.FROM_NOW;

import io.databourse.gateway.link.ExchangeLink;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;

/**
 * The record stream as a link follows it: records delivered in seq order, each at most once, across
 * leader changes and catch-ups. A record sent in chunks and cut by an interruption is resumed at the
 * first chunk not yet delivered. The stream's epoch changes when the link starts following, or finds
 * the cluster behind what it followed (another exchange's history). Under the link's lock.
 */
final class FollowedRecords
{
    private final ClusterLinkContext ctx;

    /** Whether this link has followed the record stream yet (after its first catch-up). */
    private boolean following;
    /** The last record delivered whole. */
    private long deliveredSeq;
    /** A record delivered in part (some of its chunks), else 0; and how many of its chunks. */
    private long partialSeq;
    private int partialChunksDelivered;
    private int partialChunksSeen;
    private long epoch;
    private long recordsMissed;

    FollowedRecords(final ClusterLinkContext ctx)
    {
        this.ctx = ctx;
    }

    /**
     * A catch-up (re)starts: where it asks from, after the last record delivered whole, or at a partly
     * delivered one (whose chunks are counted again as they come).
     */
    long beginCatchUp()
    {
        partialChunksSeen = 0;
        return !following ? FROM_NOW : 0 != partialSeq ? partialSeq : deliveredSeq + 1;
    }

    /**
     * One chunk of a record, live or {@code replayed} by a catch-up, delivered unless it was before.
     * Returns false when a live record shows records this link missed (the leader could not send
     * them): the caller catches up, and they are still to be had.
     */
    boolean onRecord(
        final ExchangeLink.RecordsHandler handler, final DirectBuffer buffer, final int offset, final int length,
        final boolean lastChunk, final boolean replayed)
    {
        final long seq = buffer.getLong(offset + JournalRecord.SEQ_OFFSET);
        if (!following)
        {
            return true; // before the first catch-up says where the stream stands
        }
        if (0 != partialSeq)
        {
            if (seq != partialSeq)
            {
                return true; // the rest of the partly delivered record comes first, in a catch-up if need be
            }
            if (++partialChunksSeen <= partialChunksDelivered)
            {
                return true; // a chunk delivered before the catch-up
            }
            handler.onRecords(buffer, offset, length);
            partialChunksDelivered++;
            if (lastChunk)
            {
                deliveredSeq = seq;
                partialSeq = 0;
                partialChunksDelivered = 0;
            }
            return true;
        }
        if (seq <= deliveredSeq)
        {
            return true;
        }
        if (seq > deliveredSeq + 1 && !replayed)
        {
            return false;
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
        return true;
    }

    /** Whether a leader at {@code leaderSeq} sent records that never reached this link. */
    boolean isBehind(final long leaderSeq)
    {
        return following && 0 == partialSeq && leaderSeq > deliveredSeq;
    }

    /**
     * A catch-up answered up to {@code toSeq}, the leader holding records from {@code firstSeqAvailable}:
     * the first answer starts the stream there; a cluster behind what this link followed starts a new
     * epoch; records asked for and no longer held are counted missed.
     */
    void onCatchUpAnswered(final long toSeq, final long firstSeqAvailable, final long catchUpFromSeq)
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
    }

    /** The last catch-up answer: the stream stands at {@code toSeq} unless a record is still partly delivered. */
    void onCatchUpDone(final long toSeq)
    {
        if (deliveredSeq < toSeq && 0 == partialSeq)
        {
            deliveredSeq = toSeq;
        }
    }

    long deliveredSeq()
    {
        return deliveredSeq;
    }

    long epoch()
    {
        return epoch;
    }

    long recordsMissed()
    {
        return recordsMissed;
    }
}
