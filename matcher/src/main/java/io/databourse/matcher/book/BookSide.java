package io.databourse.matcher.book;

import org.agrona.BitUtil;

import java.util.Arrays;

/**
 * One side of a book: its levels sorted by price with the best price at the END of the arrays, so
 * that the busy part of a book (near the top) is where inserts and removals shift the fewest
 * elements, and the best level is one array read. Prices are kept as sort keys that ascend
 * towards the best (bids: the price; asks: its negation), so every search is one plain, branch-light
 * binary search whatever the side. The arrays grow by doubling when a book gets deeper than ever
 * before; steady state does not allocate.
 * <p>A level that empties below the top stays in place, empty, so that the next order at that price
 * (orders move back and forth over the same prices) takes it without shifting the arrays twice.
 * The top level is never empty: empties there are popped at once, so the best level is always a
 * real one. Empty levels are bounded (at most half the side, beyond a small floor) by compaction.
 * <p>Mid-sized sides also index their levels by price (see {@link #INDEXED_CAPACITY_MIN}), so that an
 * order arriving at an existing level finds it without a search.
 */
public final class BookSide
{
    /** Empty levels kept in place beyond this many, and beyond half the side, are compacted away. */
    private static final int EMPTY_LEVELS_KEPT_MIN = 32;
    /** Sides up to this many levels (8 KiB of keys, within the L1 cache) are searched without branches. */
    private static final int BRANCH_FREE_SEARCH_MAX = 1024;
    /**
     * Sides whose arrays hold this many levels or more, up to {@link #INDEXED_CAPACITY_MAX}, also keep
     * a hash index of their levels by price: on the exchange-core mix (~600 levels a side) nine
     * arrivals in ten land on an existing level, and one probe beats ten dependent steps of a search
     * (4.6–4.9M → 5.2–5.3M ops/s). Smaller sides are searched within a few cache lines; deeper ones
     * would pay a table that misses the cache, and the bytes (the 1M-order book stays within 128 B
     * an order without them).
     */
    private static final int INDEXED_CAPACITY_MIN = 256;
    private static final int INDEXED_CAPACITY_MAX = 4096;

    private final boolean isBid;
    private long[] keys;
    private int[] levels;
    private int size;
    private int emptyLevels;
    // Sides of INDEXED_CAPACITY_MIN..MAX: key -> level slot of every level in the arrays (open
    // addressing, linear probing, at most half full); null for smaller and deeper sides.
    private long[] indexKeys;
    private int[] indexLevels;
    private int indexMask;

    public BookSide(final boolean isBid, final int initialCapacity)
    {
        this.isBid = isBid;
        this.keys = new long[initialCapacity];
        this.levels = new int[initialCapacity];
        rebuildIndex();
    }

    /**
     * Re-indexes every level: after a compaction (the same table, cleared) or when the arrays have
     * grown (a larger table, or none once the side is past {@link #INDEXED_CAPACITY_MAX}).
     */
    private void rebuildIndex()
    {
        if (keys.length < INDEXED_CAPACITY_MIN || keys.length > INDEXED_CAPACITY_MAX)
        {
            indexKeys = null;
            indexLevels = null;
            return;
        }
        final int length = BitUtil.findNextPositivePowerOfTwo(keys.length * 2);
        if (null == indexLevels || indexLevels.length != length)
        {
            indexKeys = new long[length];
            indexLevels = new int[length];
            indexMask = length - 1;
        }
        else
        {
            Arrays.fill(indexLevels, 0);
        }
        for (int i = 0; i < size; i++)
        {
            indexPut(keys[i], levels[i]);
        }
    }

    /** Home slot of a key in the index. */
    private static int slotOf(final long key)
    {
        final long h = key * 0x9E3779B97F4A7C15L;
        return (int)(h ^ (h >>> 32));
    }

    private void indexPut(final long key, final int level)
    {
        int i = slotOf(key) & indexMask;
        while (indexLevels[i] != 0)
        {
            i = (i + 1) & indexMask;
        }
        indexKeys[i] = key;
        indexLevels[i] = level + 1;
    }

    private int indexGet(final long key)
    {
        int i = slotOf(key) & indexMask;
        while (true)
        {
            final int entry = indexLevels[i];
            if (entry == 0)
            {
                return LevelStore.NULL;
            }
            if (indexKeys[i] == key)
            {
                return entry - 1;
            }
            i = (i + 1) & indexMask;
        }
    }

    private void indexRemove(final long key)
    {
        int i = slotOf(key) & indexMask;
        while (indexKeys[i] != key || indexLevels[i] == 0)
        {
            if (indexLevels[i] == 0)
            {
                throw new IllegalStateException("price index lost the level at key " + key);
            }
            i = (i + 1) & indexMask;
        }
        int hole = i;
        int j = (i + 1) & indexMask;
        while (indexLevels[j] != 0)
        {
            final int home = slotOf(indexKeys[j]) & indexMask;
            final boolean inRange = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!inRange)
            {
                indexKeys[hole] = indexKeys[j];
                indexLevels[hole] = indexLevels[j];
                hole = j;
            }
            j = (j + 1) & indexMask;
        }
        indexLevels[hole] = 0;
    }

    public boolean isEmpty()
    {
        return size == 0;
    }

    public int size()
    {
        return size;
    }

    private long keyOf(final long price)
    {
        return isBid ? price : -price;
    }

    /** The best level's slot, or {@link LevelStore#NULL}. */
    public int bestLevel()
    {
        return size == 0 ? LevelStore.NULL : levels[size - 1];
    }

    public long bestPrice()
    {
        return keyOf(keys[size - 1]);
    }

    /** The worst price a level of this side holds (an emptied level kept for reuse included): a bound, not a quote. */
    public long worstPrice()
    {
        return keyOf(keys[0]);
    }

    /** The i-th best level (0 = best). */
    public int levelAt(final int depth)
    {
        return levels[size - 1 - depth];
    }

    /** True when {@code a} is a better price than {@code b} on this side. */
    public boolean isBetter(final long a, final long b)
    {
        return isBid ? a > b : a < b;
    }

    /** Level slot at this price, or {@link LevelStore#NULL}. */
    public int find(final long price)
    {
        final long key = keyOf(price);
        if (null != indexLevels)
        {
            return indexGet(key);
        }
        final int i = position(key);
        return i < size && keys[i] == key ? levels[i] : LevelStore.NULL;
    }

    /** The level at this price, created (and inserted at its place) when there is none: one search. */
    public int findOrAdd(final long price, final LevelStore store)
    {
        final long key = keyOf(price);
        if (null != indexLevels)
        {
            final int existing = indexGet(key);
            if (existing != LevelStore.NULL)
            {
                return reuse(existing, store);
            }
            final int level = store.allocate(price);
            insertAt(position(key), key, level);
            return level;
        }
        final int i = position(key);
        if (i < size && keys[i] == key)
        {
            return reuse(levels[i], store);
        }
        final int level = store.allocate(price);
        insertAt(i, key, level);
        return level;
    }

    /** An existing level taken by an arriving order: it may have been an empty one kept in place. */
    private int reuse(final int level, final LevelStore store)
    {
        if (store.count(level) == 0)
        {
            emptyLevels--;
        }
        return level;
    }

    /** Inserts a new level at its sorted place. */
    public void insert(final long price, final int level)
    {
        final long key = keyOf(price);
        insertAt(position(key), key, level);
    }

    private void insertAt(final int i, final long key, final int level)
    {
        final boolean grows = size == keys.length;
        if (grows)
        {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(keys, i, keys, i + 1, size - i);
        System.arraycopy(levels, i, levels, i + 1, size - i);
        keys[i] = key;
        levels[i] = level;
        size++;
        if (grows)
        {
            rebuildIndex();
        }
        else if (null != indexLevels)
        {
            indexPut(key, level);
        }
    }

    /** A level of this side has just lost its last order. */
    public void onLevelEmptied(final long price, final LevelStore store)
    {
        if (size > 0 && keys[size - 1] == keyOf(price))
        {
            popTop(store);
            while (size > 0 && store.count(levels[size - 1]) == 0)
            {
                popTop(store);
                emptyLevels--;
            }
            return;
        }
        emptyLevels++;
        if (emptyLevels > EMPTY_LEVELS_KEPT_MIN && emptyLevels * 2 > size)
        {
            compact(store);
        }
    }

    private void popTop(final LevelStore store)
    {
        if (null != indexLevels)
        {
            indexRemove(keys[size - 1]);
        }
        store.free(levels[--size]);
    }

    /** Frees every empty level (also used when the level store is full). */
    public void compact(final LevelStore store)
    {
        int to = 0;
        for (int from = 0; from < size; from++)
        {
            if (store.count(levels[from]) == 0)
            {
                store.free(levels[from]);
            }
            else
            {
                keys[to] = keys[from];
                levels[to] = levels[from];
                to++;
            }
        }
        size = to;
        emptyLevels = 0;
        if (null != indexLevels)
        {
            rebuildIndex();
        }
    }

    /** Removes the level at this price (it must exist). */
    public void remove(final long price)
    {
        final long key = keyOf(price);
        final int i = position(key);
        if (i >= size || keys[i] != key)
        {
            throw new IllegalStateException("no level at " + price);
        }
        if (null != indexLevels)
        {
            indexRemove(key);
        }
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(levels, i + 1, levels, i, size - i - 1);
        size--;
    }

    /** Index of the first key not below {@code key}: the top few first, where most prices land, then binary search. */
    private int position(final long key)
    {
        final long[] k = keys;
        int hi = size;
        final int nearTop = Math.max(0, hi - 4);
        while (hi > nearTop && k[hi - 1] >= key)
        {
            hi--;
        }
        if (hi > nearTop || hi == 0)
        {
            return hi;
        }
        if (hi > BRANCH_FREE_SEARCH_MAX)
        {
            return branchingSearch(k, hi, key);
        }
        // Branch-free lower bound over [0, hi): the loop runs log2(hi) times whatever the keys, and each
        // step is a conditional move, not a branch the CPU guesses wrong half the time.
        int base = 0;
        int n = hi;
        while (n > 1)
        {
            final int half = n >>> 1;
            base = k[base + half - 1] < key ? base + half : base;
            n -= half;
        }
        return k[base] < key ? base + 1 : base;
    }

    /**
     * Lower bound over [0, hi) for deep sides: each step's load depends on the one before, and over
     * an array past the L1 cache the CPU's speculation down the likelier branch, which starts the
     * next load early, beats waiting for every load in turn (deep-book mix: 0.88M vs 0.71M ops/s).
     */
    private static int branchingSearch(final long[] k, final int hi, final long key)
    {
        int lo = 0;
        int h = hi;
        while (lo < h)
        {
            final int mid = (lo + h) >>> 1;
            if (k[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                h = mid;
            }
        }
        return lo;
    }

    /** Checks the sort order (tests and -ea runs). */
    public boolean isSorted()
    {
        for (int i = 1; i < size; i++)
        {
            if (keys[i] <= keys[i - 1])
            {
                return false;
            }
        }
        return true;
    }
}
