package io.databourse.matcher.book;

/**
 * One side of a book: its levels sorted by price with the best price at the END of the arrays, so
 * that the busy part of a book (near the top) is where inserts and removals shift the fewest
 * elements, and the best level is one array read. Bids are kept ascending, asks descending.
 * The arrays grow by doubling when a book gets deeper than ever before; steady state does not
 * allocate.
 */
public final class BookSide
{
    private static final int NEAR_TOP_LEVELS = 8;

    private final boolean isBid;
    private long[] prices;
    private int[] levels;
    private int size;

    public BookSide(final boolean isBid, final int initialCapacity)
    {
        this.isBid = isBid;
        this.prices = new long[initialCapacity];
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

    /** The best level's slot, or {@link LevelStore#NULL}. */
    public int bestLevel()
    {
        return size == 0 ? LevelStore.NULL : levels[size - 1];
    }

    public long bestPrice()
    {
        return prices[size - 1];
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

    /** Level slot at this price, or {@link LevelStore#NULL}. Searches from the top: most prices are near it. */
    public int find(final long price)
    {
        final int i = position(price);
        return i < size && prices[i] == price ? levels[i] : LevelStore.NULL;
    }

    /** Inserts a new level at its sorted place. */
    public void insert(final long price, final int level)
    {
        final int i = position(price);
        if (size == prices.length)
        {
            grow();
        }
        System.arraycopy(prices, i, prices, i + 1, size - i);
        System.arraycopy(levels, i, levels, i + 1, size - i);
        prices[i] = price;
        levels[i] = level;
        size++;
    }

    /** Removes the level at this price (it must exist). */
    public void remove(final long price)
    {
        final int i = position(price);
        if (i >= size || prices[i] != price)
        {
            throw new IllegalStateException("no level at " + price);
        }
        System.arraycopy(prices, i + 1, prices, i, size - i - 1);
        System.arraycopy(levels, i + 1, levels, i, size - i - 1);
        size--;
    }

    /**
     * Index of the first element not "before" price in the sort order (ascending keys for bids,
     * descending for asks): binary search over keys mapped so that both sides sort ascending.
     */
    private int position(final long price)
    {
        final long key = isBid ? price : -price;
        // most prices land within a few levels of the top: look there first
        final int nearTop = Math.max(0, size - NEAR_TOP_LEVELS);
        int i = size;
        while (i > nearTop && (isBid ? prices[i - 1] : -prices[i - 1]) >= key)
        {
            i--;
        }
        if (i > nearTop || nearTop == 0)
        {
            return i;
        }
        int lo = 0;
        int hi = nearTop;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            final long k = isBid ? prices[mid] : -prices[mid];
            if (k < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private void grow()
    {
        final int n = prices.length * 2;
        prices = java.util.Arrays.copyOf(prices, n);
        levels = java.util.Arrays.copyOf(levels, n);
    }

    /** Checks the sort order (tests and -ea runs). */
    public boolean isSorted()
    {
        for (int i = 1; i < size; i++)
        {
            if (!isBetter(prices[i], prices[i - 1]))
            {
                return false;
            }
        }
        return true;
    }
}
