package io.databourse.settlement.subsidy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Long2LongHashMap;

/**
 * The recent trades whose purchase did not qualify (booked to another bucket, or flagged since),
 * by trade id: a trade not found here qualified. Enough to flag a trade later, exactly: surveillance
 * only ever names its last {@code capacity} trades (its recent-trade ring), and this keeps at least
 * the last {@code capacity} non-qualifying trades, so every trade an alert can name either is here
 * or qualified. Oldest entries leave first; usually nearly empty (most purchases qualify).
 */
final class ExcludedTrades
{
    private static final long ABSENT = -1;

    private final int capacity;
    private final long[] ring;
    private final Long2LongHashMap bucketById = new Long2LongHashMap(ABSENT);
    private long count;

    ExcludedTrades(final int capacity)
    {
        this.capacity = capacity;
        this.ring = new long[capacity];
    }

    /** The bucket a trade was booked to, or {@code qualifying} when it is not here. */
    int bucketOf(final long tradeId, final int qualifying)
    {
        final long bucket = bucketById.get(tradeId);
        return ABSENT == bucket ? qualifying : (int)bucket;
    }

    void put(final long tradeId, final int bucket)
    {
        if (ABSENT == bucketById.put(tradeId, bucket))
        {
            final int slot = (int)(count % capacity);
            if (count >= capacity)
            {
                bucketById.remove(ring[slot]);
            }
            ring[slot] = tradeId;
            count++;
        }
        assert bucketById.size() <= capacity;
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        final long first = Math.max(0, count - capacity);
        out.writeLong(count);
        for (long n = first; n < count; n++)
        {
            final long id = ring[(int)(n % capacity)];
            out.writeLong(id);
            out.writeByte((int)bucketById.get(id));
        }
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        final long total = in.readLong();
        if (total < 0)
        {
            throw new IOException("corrupt subsidy snapshot: " + total + " excluded trades");
        }
        bucketById.clear();
        count = 0;
        final long held = Math.min(total, capacity);
        count = total - held;
        for (long n = 0; n < held; n++)
        {
            final long id = in.readLong();
            final int bucket = in.readByte();
            final int slot = (int)(count % capacity);
            ring[slot] = id;
            bucketById.put(id, bucket);
            count++;
        }
    }
}
