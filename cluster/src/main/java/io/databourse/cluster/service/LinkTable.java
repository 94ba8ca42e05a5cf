package io.databourse.cluster.service;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The last command sequenced from each client link (a gateway's connection to the cluster, named
 * by a random id it keeps across its cluster sessions): what a link asks for after a leader
 * change, to know which of the commands it sent were sequenced and which were lost. Part of the
 * service's replicated state, so it is in the snapshot and the same on every node. Bounded: when
 * full, the link that has sent nothing for longest is forgotten. Slots are searched linearly in a
 * fixed order (gateways are few), never by hash order, so every node evicts the same link.
 */
final class LinkTable
{
    static final long NONE = 0;
    private final long[] linkIds;
    private final long[] lastCorrelations;
    private final long[] lastSeqs;
    private int count;
    private int lastSlot;

    LinkTable(final int linksMax)
    {
        if (linksMax < 1)
        {
            throw new IllegalArgumentException("linksMax must be positive: " + linksMax);
        }
        linkIds = new long[linksMax];
        lastCorrelations = new long[linksMax];
        lastSeqs = new long[linksMax];
    }

    /** The correlation id of the link's last sequenced command, or {@link #NONE}. */
    long lastCorrelation(final long linkId)
    {
        final int slot = find(linkId);
        return slot < 0 ? NONE : lastCorrelations[slot];
    }

    /**
     * Whether a command with this correlation id from this link is new (greater than any sequenced
     * from it): links number their commands 1, 2, 3, ... and send them in order, so a lower or equal
     * id is a copy of one already sequenced.
     */
    boolean isNew(final long linkId, final long correlationId)
    {
        return correlationId > lastCorrelation(linkId);
    }

    /** Records that the link's command {@code correlationId} was sequenced as {@code seq}. */
    void onSequenced(final long linkId, final long correlationId, final long seq)
    {
        assert correlationId > lastCorrelation(linkId) : "correlation ids only grow";
        int slot = find(linkId);
        if (slot < 0)
        {
            slot = count < linkIds.length ? count++ : leastRecentlyUsed();
            linkIds[slot] = linkId;
        }
        lastCorrelations[slot] = correlationId;
        lastSeqs[slot] = seq;
        lastSlot = slot;
    }

    private int find(final long linkId)
    {
        if (lastSlot < count && linkIds[lastSlot] == linkId)
        {
            return lastSlot;
        }
        for (int i = 0; i < count; i++)
        {
            if (linkIds[i] == linkId)
            {
                return i;
            }
        }
        return -1;
    }

    private int leastRecentlyUsed()
    {
        int oldest = 0;
        for (int i = 1; i < count; i++)
        {
            if (lastSeqs[i] < lastSeqs[oldest])
            {
                oldest = i;
            }
        }
        return oldest;
    }

    int count()
    {
        return count;
    }

    /** Bytes {@link #write} takes. */
    int encodedLength()
    {
        return 4 + count * 24;
    }

    /** Writes the table in slot order; returns the bytes written. */
    int write(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, count);
        int at = offset + 4;
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(at, linkIds[i]);
            buffer.putLong(at + 8, lastCorrelations[i]);
            buffer.putLong(at + 16, lastSeqs[i]);
            at += 24;
        }
        return at - offset;
    }

    /** Restores a table written by {@link #write} (same slot order); returns the bytes read. */
    int read(final DirectBuffer buffer, final int offset)
    {
        final int n = buffer.getInt(offset);
        if (n < 0 || n > linkIds.length)
        {
            throw new IllegalStateException("snapshot holds " + n + " client links, this node keeps at most " +
                linkIds.length);
        }
        count = n;
        lastSlot = 0;
        int at = offset + 4;
        for (int i = 0; i < n; i++)
        {
            linkIds[i] = buffer.getLong(at);
            lastCorrelations[i] = buffer.getLong(at + 8);
            lastSeqs[i] = buffer.getLong(at + 16);
            at += 24;
        }
        return at - offset;
    }
}
