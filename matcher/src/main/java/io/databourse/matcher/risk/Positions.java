package io.databourse.matcher.risk;

import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.collections.Long2LongHashMap;

/**
 * Units a participant holds of a product: data/algorithm licences it may sell (registered
 * inventory, or bought by a broker / on a resale product), or compute node-hours (registered
 * capacity, or bought by a compute broker). Sellable = owned − reserved (on sell orders) −
 * pledged. Keyed by (participant, product) in a primitive map: looked up, never iterated.
 */
public final class Positions
{
    public static final int NULL = -1;

    private final Long2LongHashMap slotByKey;
    private long[] owned;
    private long[] reserved;
    private long[] pledged;
    private long[] bought;
    /** Each slot's (participant, product) key: the map is never iterated, so slots say whose they are. */
    private long[] keyBySlot;
    private int count;

    public Positions(final int initialCapacity)
    {
        slotByKey = new Long2LongHashMap(initialCapacity * 2, 0.65f, NULL);
        owned = new long[initialCapacity];
        reserved = new long[initialCapacity];
        pledged = new long[initialCapacity];
        bought = new long[initialCapacity];
        keyBySlot = new long[initialCapacity];
    }

    private static long key(final int participant, final int product)
    {
        return ((long)participant << 32) | (product & 0xFFFF_FFFFL);
    }

    /** The position's slot, or {@link #NULL} when the participant never held the product. */
    public int find(final int participant, final int product)
    {
        return (int)slotByKey.get(key(participant, product));
    }

    /** The position's slot, created empty when absent (grows storage only when first seen). */
    public int findOrCreate(final int participant, final int product)
    {
        final long k = key(participant, product);
        final long slot = slotByKey.get(k);
        if (slot != NULL)
        {
            return (int)slot;
        }
        if (count == owned.length)
        {
            final int n = count * 2;
            owned = java.util.Arrays.copyOf(owned, n);
            reserved = java.util.Arrays.copyOf(reserved, n);
            pledged = java.util.Arrays.copyOf(pledged, n);
            bought = java.util.Arrays.copyOf(bought, n);
            keyBySlot = java.util.Arrays.copyOf(keyBySlot, n);
        }
        final int s = count++;
        slotByKey.put(k, s);
        keyBySlot[s] = k;
        return s;
    }

    public int count()
    {
        return count;
    }

    /** Every position's (participant, product) key, sorted: participant in the high half (tools). */
    public long[] sortedKeys()
    {
        final long[] keys = java.util.Arrays.copyOf(keyBySlot, count);
        java.util.Arrays.sort(keys);
        return keys;
    }

    /**
     * Every position in slot order (snapshots, the state hash): slots are numbered in the order
     * positions were first seen, so creating them again in that order gives each its old slot.
     */
    public void writeSnapshot(final SnapshotWriter out)
    {
        out.putVarLong(count);
        for (int s = 0; s < count; s++)
        {
            out.putVarInt((int)(keyBySlot[s] >> 32))
                .putVarInt((int)keyBySlot[s])
                .putSignedVarLong(owned[s])
                .putSignedVarLong(reserved[s])
                .putSignedVarLong(pledged[s])
                .putSignedVarLong(bought[s]);
        }
    }

    /** Reads what {@link #writeSnapshot} wrote into an empty store. */
    public void readSnapshot(final SnapshotReader in, final int participantsCount, final int productsCount)
    {
        if (count != 0)
        {
            throw new IllegalStateException("positions restored over " + count);
        }
        final int n = in.getCount("positions", participantsCount * productsCount);
        for (int i = 0; i < n; i++)
        {
            final int participant = in.getVarInt("position participant", 0, participantsCount - 1);
            final int product = in.getVarInt("position product", 0, productsCount - 1);
            if (find(participant, product) != NULL)
            {
                throw new CorruptSnapshotException("position " + participant + "/" + product + " appears twice");
            }
            final int s = findOrCreate(participant, product);
            owned[s] = in.getSignedVarLong();
            reserved[s] = in.getSignedVarLong();
            pledged[s] = in.getSignedVarLong();
            bought[s] = in.getSignedVarLong();
        }
    }

    public long sellable(final int slot)
    {
        return slot == NULL ? 0 : owned[slot] - reserved[slot] - pledged[slot];
    }

    /** Owned minus reserved: what could be sold if nothing were pledged. */
    public long unreserved(final int slot)
    {
        return slot == NULL ? 0 : owned[slot] - reserved[slot];
    }

    public long owned(final int slot)
    {
        return slot == NULL ? 0 : owned[slot];
    }

    public long reserved(final int slot)
    {
        return slot == NULL ? 0 : reserved[slot];
    }

    public long pledged(final int slot)
    {
        return slot == NULL ? 0 : pledged[slot];
    }

    public long bought(final int slot)
    {
        return slot == NULL ? 0 : bought[slot];
    }

    public void addOwned(final int slot, final long qty)
    {
        owned[slot] += qty;
    }

    public void reserve(final int slot, final long qty)
    {
        reserved[slot] += qty;
        assert qty >= 0 && sellable(slot) >= 0; // the gates checked the units
    }

    public void release(final int slot, final long qty)
    {
        reserved[slot] -= qty;
        assert qty >= 0 && reserved[slot] >= 0; // never more released than reserved
    }

    /** A sell fill: reserved units leave the seller. */
    public void deliver(final int slot, final long qty)
    {
        reserved[slot] -= qty;
        owned[slot] -= qty;
        assert qty > 0 && reserved[slot] >= 0 && owned[slot] >= 0; // only reserved units are delivered
    }

    public void addBought(final int slot, final long qty)
    {
        bought[slot] += qty;
    }

    public void addPledged(final int slot, final long qty)
    {
        pledged[slot] += qty;
    }
}
