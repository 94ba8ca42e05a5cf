package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The rolling window of trades, in whole buckets: one ring of (bucket, product, value, qty, trades)
 * aggregates in time order, a product's trades of one bucket in one entry. Running sums are kept per
 * product and per index, so a VWAP over the window is one division whatever the window holds, and
 * its memory (and snapshot) is bounded by the distinct (bucket, product) pairs in the window, not by
 * its trades. Journal time never goes backwards (the sequencer refuses it), so the ring is sorted and
 * expiry only ever pops its head.
 */
final class TradeWindow
{
    /** Told of each product an expired entry took trades from. */
    @FunctionalInterface
    interface ExpiryListener
    {
        void onExpired(int product, int index);
    }

    private final long bucketNs;
    private final int windowBuckets;

    private long[] bucket;
    private int[] product;
    private long[] value;
    private long[] qty;
    private int[] trades;
    /** Absolute positions: entries [head, tail) are live; slot = position & mask. */
    private long head;
    private long tail;
    private int mask;

    private final long[] lastEntry;
    private final long[] productValue;
    private final long[] productQty;
    private final int[] productTrades;
    private final int[] productIndex;
    private final long[] indexValue;
    private final long[] indexQty;
    private final int[] indexTrades;
    private final int[] indexProducts;

    TradeWindow(final long bucketNs, final int windowBuckets, final int productsMax, final int indexesMax)
    {
        this.bucketNs = bucketNs;
        this.windowBuckets = windowBuckets;
        allocateRing(64);
        lastEntry = new long[productsMax];
        Arrays.fill(lastEntry, -1);
        productValue = new long[productsMax];
        productQty = new long[productsMax];
        productTrades = new int[productsMax];
        productIndex = new int[productsMax];
        Arrays.fill(productIndex, -1);
        indexValue = new long[indexesMax];
        indexQty = new long[indexesMax];
        indexTrades = new int[indexesMax];
        indexProducts = new int[indexesMax];
    }

    private void allocateRing(final int capacity)
    {
        bucket = new long[capacity];
        product = new int[capacity];
        value = new long[capacity];
        qty = new long[capacity];
        trades = new int[capacity];
        mask = capacity - 1;
    }

    /** Which index a product's trades also count towards (-1: none, e.g. a data product). */
    void productIndex(final int p, final int index)
    {
        productIndex[p] = index;
    }

    long bucketOf(final long timeNs)
    {
        return Math.floorDiv(timeNs, bucketNs);
    }

    /** Adds a trade at {@code timeNs} (never earlier than the last one added). */
    void add(final long timeNs, final int p, final long priceFen, final long tradeQty)
    {
        final long b = bucketOf(timeNs);
        final long tradeValue = Math.multiplyExact(priceFen, tradeQty);
        final long last = lastEntry[p];
        int slot;
        if (last >= head && bucket[(int)(last & mask)] == b)
        {
            slot = (int)(last & mask);
        }
        else
        {
            assert tail == head || bucket[(int)((tail - 1) & mask)] <= b : "trades out of time order";
            if (tail - head == bucket.length)
            {
                grow();
            }
            slot = (int)(tail & mask);
            bucket[slot] = b;
            product[slot] = p;
            value[slot] = 0;
            qty[slot] = 0;
            trades[slot] = 0;
            lastEntry[p] = tail;
            tail++;
        }
        value[slot] = Math.addExact(value[slot], tradeValue);
        qty[slot] = Math.addExact(qty[slot], tradeQty);
        trades[slot]++;

        if (0 == productTrades[p])
        {
            final int i = productIndex[p];
            if (i >= 0)
            {
                indexProducts[i]++;
            }
        }
        productValue[p] = Math.addExact(productValue[p], tradeValue);
        productQty[p] = Math.addExact(productQty[p], tradeQty);
        productTrades[p]++;
        final int i = productIndex[p];
        if (i >= 0)
        {
            indexValue[i] = Math.addExact(indexValue[i], tradeValue);
            indexQty[i] = Math.addExact(indexQty[i], tradeQty);
            indexTrades[i]++;
        }
    }

    private void grow()
    {
        final int n = (int)(tail - head);
        final long[] b = new long[n];
        final int[] p = new int[n];
        final long[] v = new long[n];
        final long[] q = new long[n];
        final int[] t = new int[n];
        for (int k = 0; k < n; k++)
        {
            final int slot = (int)((head + k) & mask);
            b[k] = bucket[slot];
            p[k] = product[slot];
            v[k] = value[slot];
            q[k] = qty[slot];
            t[k] = trades[slot];
        }
        allocateRing(bucket.length * 2);
        // Positions stay absolute: re-place each entry at its own position's slot in the larger ring.
        for (int k = 0; k < n; k++)
        {
            final int slot = (int)((head + k) & mask);
            bucket[slot] = b[k];
            product[slot] = p[k];
            value[slot] = v[k];
            qty[slot] = q[k];
            trades[slot] = t[k];
        }
    }

    /**
     * Drops every entry whose bucket has left the window at {@code timeNs}: the window holds the
     * current bucket and the {@code windowBuckets - 1} before it.
     */
    void expire(final long timeNs, final ExpiryListener listener)
    {
        final long oldestKept = bucketOf(timeNs) - windowBuckets + 1;
        while (head < tail)
        {
            final int slot = (int)(head & mask);
            if (bucket[slot] >= oldestKept)
            {
                break;
            }
            final int p = product[slot];
            productValue[p] -= value[slot];
            productQty[p] -= qty[slot];
            productTrades[p] -= trades[slot];
            final int i = productIndex[p];
            if (i >= 0)
            {
                indexValue[i] -= value[slot];
                indexQty[i] -= qty[slot];
                indexTrades[i] -= trades[slot];
                if (trades[slot] > 0 && 0 == productTrades[p])
                {
                    indexProducts[i]--; // (an entry emptied by removals took its product out already)
                }
            }
            assert productTrades[p] >= 0 && productQty[p] >= 0 && productValue[p] >= 0;
            if (lastEntry[p] == head)
            {
                lastEntry[p] = -1;
            }
            head++;
            listener.onExpired(p, i);
        }
    }

    /**
     * Takes one trade of {@code p} at {@code timeNs} out of the window (surveillance flagged it);
     * false when its minute has already left the window (or no entry of that minute holds it).
     */
    boolean remove(final long timeNs, final int p, final long priceFen, final long tradeQty, final long nowNs)
    {
        final long b = bucketOf(timeNs);
        if (b < bucketOf(nowNs) - windowBuckets + 1)
        {
            return false;
        }
        final long tradeValue = Math.multiplyExact(priceFen, tradeQty);
        for (long pos = tail - 1; pos >= head; pos--)
        {
            final int slot = (int)(pos & mask);
            if (bucket[slot] < b)
            {
                return false;
            }
            if (bucket[slot] == b && product[slot] == p && trades[slot] > 0 && qty[slot] >= tradeQty &&
                value[slot] >= tradeValue)
            {
                value[slot] -= tradeValue;
                qty[slot] -= tradeQty;
                trades[slot]--;
                productValue[p] -= tradeValue;
                productQty[p] -= tradeQty;
                productTrades[p]--;
                final int i = productIndex[p];
                if (i >= 0)
                {
                    indexValue[i] -= tradeValue;
                    indexQty[i] -= tradeQty;
                    indexTrades[i]--;
                    if (0 == productTrades[p])
                    {
                        indexProducts[i]--;
                    }
                }
                return true;
            }
        }
        return false;
    }

    long productValue(final int p)
    {
        return productValue[p];
    }

    long productQty(final int p)
    {
        return productQty[p];
    }

    int productTrades(final int p)
    {
        return productTrades[p];
    }

    long indexValue(final int i)
    {
        return indexValue[i];
    }

    long indexQty(final int i)
    {
        return indexQty[i];
    }

    int indexTrades(final int i)
    {
        return indexTrades[i];
    }

    /** Products with trades in the window that count towards index {@code i}. */
    int indexProducts(final int i)
    {
        return indexProducts[i];
    }

    /** Live entries (for tests and the bounded-memory claim). */
    int entries()
    {
        return (int)(tail - head);
    }

    /** The entries only: sums are rebuilt from them on read, so they cannot disagree. */
    void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt((int)(tail - head));
        for (long pos = head; pos < tail; pos++)
        {
            final int slot = (int)(pos & mask);
            out.writeLong(bucket[slot]);
            out.writeInt(product[slot]);
            out.writeLong(value[slot]);
            out.writeLong(qty[slot]);
            out.writeInt(trades[slot]);
        }
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        final int n = in.readInt();
        if (n < 0)
        {
            throw new IOException("negative window entry count " + n);
        }
        int capacity = 64;
        while (capacity < n)
        {
            capacity <<= 1;
        }
        allocateRing(capacity);
        head = 0;
        tail = 0;
        Arrays.fill(lastEntry, -1);
        Arrays.fill(productValue, 0);
        Arrays.fill(productQty, 0);
        Arrays.fill(productTrades, 0);
        Arrays.fill(indexValue, 0);
        Arrays.fill(indexQty, 0);
        Arrays.fill(indexTrades, 0);
        Arrays.fill(indexProducts, 0);
        for (int k = 0; k < n; k++)
        {
            final int slot = (int)(tail & mask);
            bucket[slot] = in.readLong();
            final int p = in.readInt();
            if (p < 0 || p >= lastEntry.length)
            {
                throw new IOException("window entry of product " + p + " outside 0.." + (lastEntry.length - 1));
            }
            product[slot] = p;
            value[slot] = in.readLong();
            qty[slot] = in.readLong();
            trades[slot] = in.readInt();
            if (0 == productTrades[p] && trades[slot] > 0 && productIndex[p] >= 0)
            {
                indexProducts[productIndex[p]]++;
            }
            productValue[p] += value[slot];
            productQty[p] += qty[slot];
            productTrades[p] += trades[slot];
            final int i = productIndex[p];
            if (i >= 0)
            {
                indexValue[i] += value[slot];
                indexQty[i] += qty[slot];
                indexTrades[i] += trades[slot];
            }
            lastEntry[p] = tail;
            tail++;
        }
    }
}
