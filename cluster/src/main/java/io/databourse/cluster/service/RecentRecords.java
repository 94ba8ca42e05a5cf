package io.databourse.cluster.service;

import io.databourse.journal.schema.JournalRecord;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The latest journal records in memory, by seq, for catching a client up after a leader change
 * without reading the journal: a byte ring of whole records (a record never wraps: it goes to the
 * start instead) with an index from seq to position. The oldest records are dropped as new ones
 * need room; a record larger than half the ring is not kept (the ring then starts after it).
 * Allocates only at construction. Not state of the matcher: each node fills its own as it
 * sequences, so what a catch-up can reach depends only on this node's history since its start.
 */
final class RecentRecords
{
    private final UnsafeBuffer ring;
    private final int capacity;
    private final long[] positions;
    private final int[] lengths;
    private final int indexMask;
    /** Records [firstSeq, nextSeq) are held; positions count bytes written since construction. */
    private long firstSeq = 1;
    private long nextSeq = 1;
    private long writePosition;

    /**
     * @param capacityBytes bytes of records kept, a power of two
     * @param recordsMax    records kept at most, a power of two
     */
    RecentRecords(final int capacityBytes, final int recordsMax)
    {
        if (!BitUtil.isPowerOfTwo(capacityBytes) || !BitUtil.isPowerOfTwo(recordsMax))
        {
            throw new IllegalArgumentException("capacity " + capacityBytes + " and records " + recordsMax +
                " must be powers of two");
        }
        this.capacity = capacityBytes;
        this.ring = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacityBytes, 64));
        this.positions = new long[recordsMax];
        this.lengths = new int[recordsMax];
        this.indexMask = recordsMax - 1;
    }

    /** Keeps a record; records are added in seq order, and a jump in seq forgets what came before. */
    void add(final DirectBuffer buffer, final int offset, final int length)
    {
        final long seq = buffer.getLong(offset + JournalRecord.SEQ_OFFSET);
        if (seq != nextSeq)
        {
            firstSeq = seq;
            nextSeq = seq;
        }
        if (length > capacity / 2)
        {
            firstSeq = seq + 1;
            nextSeq = seq + 1;
            return;
        }
        long start = writePosition;
        final int startOffset = (int)(start & (capacity - 1));
        if (startOffset + length > capacity)
        {
            start += capacity - startOffset; // the record goes whole at the ring's start
        }
        final long end = start + length;
        while (firstSeq < nextSeq && (positions[index(firstSeq)] < end - capacity || nextSeq - firstSeq > indexMask))
        {
            firstSeq++;
        }
        ring.putBytes((int)(start & (capacity - 1)), buffer, offset, length);
        positions[index(seq)] = start;
        lengths[index(seq)] = length;
        writePosition = end;
        nextSeq = seq + 1;
        assert nextSeq - firstSeq <= indexMask + 1 : "index overrun";
    }

    private int index(final long seq)
    {
        return (int)(seq & indexMask);
    }

    /** The oldest seq held; {@link #nextSeq()} when none is. */
    long firstSeq()
    {
        return firstSeq;
    }

    /** One past the newest seq held. */
    long nextSeq()
    {
        return nextSeq;
    }

    /** The ring, for reading a held record at {@link #offsetOf(long)}. */
    DirectBuffer buffer()
    {
        return ring;
    }

    int offsetOf(final long seq)
    {
        assert seq >= firstSeq && seq < nextSeq : "seq " + seq + " not held";
        return (int)(positions[index(seq)] & (capacity - 1));
    }

    int lengthOf(final long seq)
    {
        assert seq >= firstSeq && seq < nextSeq : "seq " + seq + " not held";
        return lengths[index(seq)];
    }
}
