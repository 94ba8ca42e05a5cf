package io.databourse.matcher.book;

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
 */
public final class BookSide
{
    /** Empty levels kept in place beyond this many, and beyond half the side, are compacted away. */
    private static final int EMPTY_LEVELS_KEPT_MIN = 32;
    /** Sides up to this many levels (8 KiB of keys, within the L1 cache) are searched without branches. */
    private static final int BRANCH_FREE_SEARCH_MAX = 1024;

    private final boolean isBid;
    private long[] keys;
    private int[] levels;
    private int size;
    private int emptyLevels;

    public BookSide(final boolean isBid, final int initialCapacity)
    {
        this.isBid = isBid;
        this.keys = new long[initialCapacity];
        this.levels = new int[initialCapacity];
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
        final int i = position(key);
        return i < size && keys[i] == key ? levels[i] : LevelStore.NULL;
    }

    /** The level at this price, created (and inserted at its place) when there is none: one search. */
    public int findOrAdd(final long price, final LevelStore store)
    {
        final long key = keyOf(price);
        final int i = position(key);
        if (i < size && keys[i] == key)
        {
            final int level = levels[i];
            if (store.count(level) == 0)
            {
                emptyLevels--;
            }
            return level;
        }
        final int level = store.allocate(price);
        insertAt(i, key, level);
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
        if (size == keys.length)
        {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(keys, i, keys, i + 1, size - i);
        System.arraycopy(levels, i, levels, i + 1, size - i);
        keys[i] = key;
        levels[i] = level;
        size++;
    }

    /** A level of this side has just lost its last order. */
    public void onLevelEmptied(final long price, final LevelStore store)
    {
        if (size > 0 && keys[size - 1] == keyOf(price))
        {
            store.free(levels[--size]);
            while (size > 0 && store.count(levels[size - 1]) == 0)
            {
                store.free(levels[--size]);
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
