package io.databourse.gateway.session;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The last {@code capacity} application messages sent on a session, by sequence number, for
 * answering ResendRequests with PossDup copies. Admin messages are not kept (they are gap-filled)
 * and neither is anything older than the window or sent before a restart: those are gap-filled
 * too, which FIX allows. Slot buffers grow to the largest message seen and are then reused.
 */
public final class OutboundStore
{
    private final int capacity;
    private final int[] seqNums;
    private final int[] lengths;
    private final ExpandableArrayBuffer[] slots;

    public OutboundStore(final int capacity)
    {
        this.capacity = capacity;
        this.seqNums = new int[capacity];
        this.lengths = new int[capacity];
        this.slots = new ExpandableArrayBuffer[capacity];
    }

    public int capacity()
    {
        return capacity;
    }

    /** Keeps an application message sent with seqNum. */
    public void store(final int seqNum, final DirectBuffer buffer, final int offset, final int length)
    {
        final int slot = slot(seqNum);
        ExpandableArrayBuffer target = slots[slot];
        if (null == target)
        {
            target = new ExpandableArrayBuffer(Math.max(256, length));
            slots[slot] = target;
        }
        target.putBytes(0, buffer, offset, length);
        seqNums[slot] = seqNum;
        lengths[slot] = length;
    }

    /** Records that seqNum was an admin message (or anything not to resend). */
    public void forget(final int seqNum)
    {
        final int slot = slot(seqNum);
        seqNums[slot] = seqNum;
        lengths[slot] = 0;
    }

    /** The stored bytes' length for seqNum, or 0 when it must be gap-filled; bytes in {@link #buffer}. */
    public int lengthOf(final int seqNum)
    {
        final int slot = slot(seqNum);
        return seqNums[slot] == seqNum ? lengths[slot] : 0;
    }

    public DirectBuffer buffer(final int seqNum)
    {
        return slots[slot(seqNum)];
    }

    public void clear()
    {
        java.util.Arrays.fill(seqNums, 0);
        java.util.Arrays.fill(lengths, 0);
    }

    private int slot(final int seqNum)
    {
        return (int)(Integer.toUnsignedLong(seqNum) % capacity);
    }
}
