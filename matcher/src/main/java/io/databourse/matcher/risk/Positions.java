package io.databourse.matcher.risk;

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
    private int count;

    public Positions(final int initialCapacity)
    {
        slotByKey = new Long2LongHashMap(initialCapacity * 2, 0.65f, NULL);
        owned = new long[initialCapacity];
        reserved = new long[initialCapacity];
        pledged = new long[initialCapacity];
        bought = new long[initialCapacity];
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
        }
        final int s = count++;
        slotByKey.put(k, s);
        return s;
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
    }

    public void release(final int slot, final long qty)
    {
        reserved[slot] -= qty;
    }

    /** A sell fill: reserved units leave the seller. */
    public void deliver(final int slot, final long qty)
    {
        reserved[slot] -= qty;
        owned[slot] -= qty;
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
