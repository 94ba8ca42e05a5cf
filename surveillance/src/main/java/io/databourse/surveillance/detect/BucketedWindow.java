package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Sums over a trailing window, per entity (a participant, a product), for a few metrics: the
 * window is cut into {@value #BUCKETS} buckets of journal time, so a sum covers the current
 * bucket and the 15 before it (the window, to within one bucket). Fixed arrays, nothing allocates.
 */
public final class BucketedWindow
{
    public static final int BUCKETS = 16;

    private final int entitiesMax;
    private final int metrics;
    private final long bucketNs;
    /** Per entity and bucket: the bucket's epoch (time / bucketNs), -1 when never used. */
    private final long[] epochs;
    /** Per entity, bucket and metric. */
    private final long[] sums;

    public BucketedWindow(final int entitiesMax, final int metrics, final long windowNs)
    {
        if (windowNs < BUCKETS)
        {
            throw new IllegalArgumentException("window too short for " + BUCKETS + " buckets: " + windowNs + " ns");
        }
        this.entitiesMax = entitiesMax;
        this.metrics = metrics;
        this.bucketNs = windowNs / BUCKETS;
        this.epochs = new long[entitiesMax * BUCKETS];
        this.sums = new long[entitiesMax * BUCKETS * metrics];
        java.util.Arrays.fill(epochs, -1);
    }

    /** Adds {@code amount} to a metric of an entity at a journal time. */
    public void add(final int entity, final long timeNs, final int metric, final long amount)
    {
        final long epoch = Math.floorDiv(timeNs, bucketNs);
        final int bucket = entity * BUCKETS + (int)Math.floorMod(epoch, (long)BUCKETS);
        if (epochs[bucket] != epoch)
        {
            assert epochs[bucket] < epoch : "journal time went backwards";
            epochs[bucket] = epoch;
            java.util.Arrays.fill(sums, bucket * metrics, (bucket + 1) * metrics, 0L);
        }
        sums[bucket * metrics + metric] = Math.addExact(sums[bucket * metrics + metric], amount);
    }

    /** The metric's sum over the window ending at {@code timeNs}. */
    public long sum(final int entity, final long timeNs, final int metric)
    {
        final long epoch = Math.floorDiv(timeNs, bucketNs);
        long total = 0;
        for (int b = 0; b < BUCKETS; b++)
        {
            final int bucket = entity * BUCKETS + b;
            final long e = epochs[bucket];
            if (e > epoch - BUCKETS && e <= epoch)
            {
                total = Math.addExact(total, sums[bucket * metrics + metric]);
            }
        }
        return total;
    }

    public void writeSnapshot(final DataOutput out, final int entityCount) throws IOException
    {
        assert entityCount <= entitiesMax;
        int used = 0;
        for (int i = 0; i < entityCount * BUCKETS; i++)
        {
            used += epochs[i] >= 0 ? 1 : 0;
        }
        out.writeInt(used);
        for (int i = 0; i < entityCount * BUCKETS; i++)
        {
            if (epochs[i] >= 0)
            {
                out.writeInt(i);
                out.writeLong(epochs[i]);
                for (int m = 0; m < metrics; m++)
                {
                    out.writeLong(sums[i * metrics + m]);
                }
            }
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int used = in.readInt();
        if (used < 0 || used > epochs.length)
        {
            throw new IOException("snapshot holds " + used + " window buckets, limit " + epochs.length);
        }
        for (int k = 0; k < used; k++)
        {
            final int i = in.readInt();
            if (i < 0 || i >= epochs.length)
            {
                throw new IOException("window bucket " + i + " outside 0.." + (epochs.length - 1));
            }
            epochs[i] = in.readLong();
            for (int m = 0; m < metrics; m++)
            {
                sums[i * metrics + m] = in.readLong();
            }
        }
    }
}
