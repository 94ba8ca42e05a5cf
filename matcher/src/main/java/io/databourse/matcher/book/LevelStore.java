package io.databourse.matcher.book;

/**
 * Price levels of every book, as parallel arrays indexed by a level slot, allocated at start-up.
 * A level is a FIFO of order slots (time priority) with its total open quantity.
 */
public final class LevelStore
{
    public static final int NULL = -1;

    private final long[] priceFen;
    private final long[] totalQty;
    private final int[] head;
    private final int[] tail;
    private final int[] count;
    private int freeHead;
    private int liveCount;

    public LevelStore(final int capacity)
    {
        priceFen = new long[capacity];
        totalQty = new long[capacity];
        head = new int[capacity];
        tail = new int[capacity];
        count = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            head[i] = i + 1 < capacity ? i + 1 : NULL;
        }
        freeHead = capacity > 0 ? 0 : NULL;
    }

    public boolean isFull()
    {
        return freeHead == NULL;
    }

    public int liveCount()
    {
        return liveCount;
    }

    public int allocate(final long price)
    {
        final int slot = freeHead;
        if (slot == NULL)
        {
            throw new IllegalStateException("level store full");
        }
        freeHead = head[slot];
        liveCount++;
        priceFen[slot] = price;
        totalQty[slot] = 0;
        head[slot] = NULL;
        tail[slot] = NULL;
        count[slot] = 0;
        return slot;
    }

    public void free(final int slot)
    {
        head[slot] = freeHead;
        freeHead = slot;
        liveCount--;
    }

    /** Appends an order at the back of the level's queue. */
    public void append(final int level, final int order, final OrderStore orders, final long qty)
    {
        final int last = tail[level];
        orders.level(order, level);
        orders.levelPrev(order, last);
        orders.levelNext(order, NULL);
        if (last == NULL)
        {
            head[level] = order;
        }
        else
        {
            orders.levelNext(last, order);
        }
        tail[level] = order;
        totalQty[level] += qty;
        count[level]++;
    }

    /** Unlinks an order from its level; {@code qty} is the open quantity it contributed. */
    public void remove(final int level, final int order, final OrderStore orders, final long qty)
    {
        final int prev = orders.levelPrev(order);
        final int next = orders.levelNext(order);
        if (prev == NULL)
        {
            head[level] = next;
        }
        else
        {
            orders.levelNext(prev, next);
        }
        if (next == NULL)
        {
            tail[level] = prev;
        }
        else
        {
            orders.levelPrev(next, prev);
        }
        orders.level(order, NULL);
        orders.levelPrev(order, NULL);
        orders.levelNext(order, NULL);
        totalQty[level] -= qty;
        count[level]--;
        assert totalQty[level] >= 0 && count[level] >= 0; // a level holds what its orders leave
    }

    public void reduce(final int level, final long qty)
    {
        totalQty[level] -= qty;
        assert qty >= 0 && totalQty[level] >= 0;
    }

    public long priceFen(final int level)
    {
        return priceFen[level];
    }

    public long totalQty(final int level)
    {
        return totalQty[level];
    }

    public int head(final int level)
    {
        return head[level];
    }

    public int count(final int level)
    {
        return count[level];
    }

    /** Bytes of heap held per level slot. */
    public static int bytesPerSlot()
    {
        return 2 * 8 + 3 * 4;
    }
}
