package io.databourse.cluster.client;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The commands a link has sent and not yet seen sequenced, in sending order (correlation ids
 * 1, 2, 3, ...): dropped from the front as acknowledgements arrive, and after a leader change
 * the ones the new leader never sequenced are sent again, in order, and only those. Preallocated
 * ring of entries; an entry's buffer grows only for a command longer than any before it.
 */
final class InFlightCommands
{
    private static final int ENTRY_BYTES_INITIAL = 256;

    private final long[] correlations;
    private final long[] sentNs;
    private final int[] lengths;
    private final ExpandableArrayBuffer[] commands;
    private final int mask;
    private long head;
    private long tail;

    InFlightCommands(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("in-flight capacity " + capacity + " must be a power of two");
        }
        correlations = new long[capacity];
        sentNs = new long[capacity];
        lengths = new int[capacity];
        commands = new ExpandableArrayBuffer[capacity];
        for (int i = 0; i < capacity; i++)
        {
            commands[i] = new ExpandableArrayBuffer(ENTRY_BYTES_INITIAL);
        }
        mask = capacity - 1;
    }

    boolean isFull()
    {
        return tail - head > mask;
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    int size()
    {
        return (int)(tail - head);
    }

    /** Keeps a copy of a command just sent. */
    void add(final long correlationId, final long nowNs, final DirectBuffer buffer, final int offset, final int length)
    {
        assert !isFull() : "in-flight ring full";
        assert isEmpty() || correlationId > correlations[(int)((tail - 1) & mask)] : "correlation ids grow";
        final int i = (int)(tail & mask);
        correlations[i] = correlationId;
        sentNs[i] = nowNs;
        lengths[i] = length;
        commands[i].putBytes(0, buffer, offset, length);
        tail++;
    }

    /** Drops every command up to and including {@code correlationId}: sequenced. */
    void acknowledge(final long correlationId)
    {
        while (head < tail && correlations[(int)(head & mask)] <= correlationId)
        {
            head++;
        }
    }

    /** When the oldest unacknowledged command was (last) sent; only if not empty. */
    long oldestSentNs()
    {
        return sentNs[(int)(head & mask)];
    }

    /** Position of the oldest entry, for walking the ring with {@link #correlationAt} etc. up to {@link #end()}. */
    long start()
    {
        return head;
    }

    long end()
    {
        return tail;
    }

    long correlationAt(final long position)
    {
        return correlations[(int)(position & mask)];
    }

    DirectBuffer commandAt(final long position)
    {
        return commands[(int)(position & mask)];
    }

    int lengthAt(final long position)
    {
        return lengths[(int)(position & mask)];
    }

    void sentAgain(final long position, final long nowNs)
    {
        sentNs[(int)(position & mask)] = nowNs;
    }
}
