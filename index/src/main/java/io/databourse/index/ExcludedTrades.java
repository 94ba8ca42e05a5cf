package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * The trades surveillance flagged, by id with their trade time, kept while some published value
 * may still count them (so that a trade flagged twice is taken out once), then forgotten. In the
 * index stage's snapshot in ascending id order, so that equal states write equal bytes.
 */
final class ExcludedTrades
{
    /** Ids kept before old ones are forgotten (an alert names recent trades). */
    static final int PRUNE_AT = 4096;

    private final Long2LongHashMap timeById = new Long2LongHashMap(Long.MIN_VALUE);
    private final long[] prune = new long[PRUNE_AT * 2];
    private int pruneCount;

    /** Records a flagged trade; false when it was flagged before. */
    boolean add(final long tradeId, final long tradeTimeNs)
    {
        if (timeById.containsKey(tradeId))
        {
            return false;
        }
        timeById.put(tradeId, tradeTimeNs);
        return true;
    }

    boolean wantsPruning()
    {
        return timeById.size() > PRUNE_AT;
    }

    /** Forgets trades older than the cutoff: neither the window nor the open day can still hold them. */
    void forgetBefore(final long cutoffNs)
    {
        timeById.longForEach((tradeId, tradeTimeNs) ->
        {
            if (tradeTimeNs < cutoffNs)
            {
                prune[pruneCount++ % prune.length] = tradeId;
            }
        });
        // more candidates than the array holds: the rest go at the next prune
        for (int k = 0; k < Math.min(pruneCount, prune.length); k++)
        {
            timeById.remove(prune[k]);
        }
        pruneCount = 0;
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        final long[] ids = new long[timeById.size()];
        final int[] n = {0};
        timeById.longForEach((tradeId, tradeTimeNs) -> ids[n[0]++] = tradeId);
        Arrays.sort(ids);
        out.writeInt(ids.length);
        for (final long tradeId : ids)
        {
            out.writeLong(tradeId);
            out.writeLong(timeById.get(tradeId));
        }
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        timeById.clear();
        final int count = in.readInt();
        if (count < 0)
        {
            throw new IOException("index snapshot holds " + count + " excluded trades");
        }
        for (int k = 0; k < count; k++)
        {
            timeById.put(in.readLong(), in.readLong());
        }
    }
}
