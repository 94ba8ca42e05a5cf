package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.surveillance.alert.AlertType;
import org.agrona.collections.Long2LongHashMap;

/**
 * At most one alert per (type, participant, subject) per cooldown (the subject is a product, or a
 * reject reason's code for refusals), in journal time: a price that
 * keeps deviating, or a participant that keeps being refused, makes one alert, not one a trade.
 */
final class AlertThrottle
{
    private static final long NEVER = Long.MIN_VALUE;

    private final long cooldownNs;
    private final Long2LongHashMap lastAlertNs = new Long2LongHashMap(NEVER);

    AlertThrottle(final long cooldownNs)
    {
        this.cooldownNs = cooldownNs;
    }

    private static long key(final AlertType type, final int participant, final int subject)
    {
        assert participant >= -1 && participant < (1 << 21) - 1 && subject >= -1 && subject < (1 << 21) - 1;
        return ((long)type.ordinal() << 42) | ((long)(participant + 1) << 21) | (subject + 1);
    }

    /** True, and the cooldown starts, when no such alert was raised within the cooldown before {@code timeNs}. */
    boolean tryAcquire(final AlertType type, final int participant, final int subject, final long timeNs)
    {
        final long key = key(type, participant, subject);
        final long last = lastAlertNs.get(key);
        if (NEVER != last && timeNs - last < cooldownNs)
        {
            return false;
        }
        lastAlertNs.put(key, timeNs);
        return true;
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        final long[] keys = new long[lastAlertNs.size()];
        final int[] at = {0};
        lastAlertNs.forEachLong((k, v) -> keys[at[0]++] = k);
        java.util.Arrays.sort(keys);
        out.writeInt(keys.length);
        for (final long k : keys)
        {
            out.writeLong(k);
            out.writeLong(lastAlertNs.get(k));
        }
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        final int n = in.readInt();
        if (n < 0)
        {
            throw new IOException("snapshot holds " + n + " throttle entries");
        }
        for (int i = 0; i < n; i++)
        {
            final long k = in.readLong();
            lastAlertNs.put(k, in.readLong());
        }
    }
}
