package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Long2LongHashMap;

/**
 * The last {@code capacity} trades, in a ring of primitive arrays, each linked to the trade before
 * it with the same (product, buyer, seller), (product, buyer), (product, seller) and product: the
 * detectors walk these chains backwards instead of scanning. Trades are numbered 0, 1, 2, ... in
 * journal order; a number is valid while its slot has not been reused. A key's head is dropped
 * when its trade leaves the ring, so the maps hold at most {@code capacity} keys each. Nothing
 * allocates once the maps have grown to their working size.
 */
public final class RecentTrades
{
    public static final long NONE = -1;
    /** Detector marks on a trade, kept in the snapshot. */
    public static final byte MARK_SPOOF_ALERTED = 1;

    private static final int PARTICIPANT_BITS = 20;
    private static final int PRODUCT_BITS = 20;

    private final int capacity;
    private final int mask;
    private final int productsMax;
    private long count;

    private final long[] tradeId;
    private final long[] seq;
    private final long[] timeNs;
    private final long[] priceFen;
    private final long[] qty;
    private final long[] prevPriceFen;
    private final long[] buyOrderId;
    private final long[] sellOrderId;
    private final int[] product;
    private final int[] buyer;
    private final int[] seller;
    private final byte[] aggressorSide;
    private final byte[] marks;
    private final long[] prevPair;
    private final long[] prevBuyer;
    private final long[] prevSeller;
    private final long[] prevProduct;
    /** The next trade of the same product, NONE for the newest (links forward where prevProduct links back). */
    private final long[] nextProduct;
    /** How many trades of its product came before (counting from the oldest the ring held when linked). */
    private final long[] productOrdinal;
    private final long[] lastPriceFen;

    private final Long2LongHashMap headByPair = new Long2LongHashMap(NONE);
    private final Long2LongHashMap headByBuyer = new Long2LongHashMap(NONE);
    private final Long2LongHashMap headBySeller = new Long2LongHashMap(NONE);
    private final Long2LongHashMap headByProduct = new Long2LongHashMap(NONE);

    public RecentTrades(final int capacity, final int participantsMax, final int productsMax)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        if (participantsMax > 1 << PARTICIPANT_BITS || productsMax > 1 << PRODUCT_BITS)
        {
            throw new IllegalArgumentException("participants and products must fit 20 bits");
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.productsMax = productsMax;
        tradeId = new long[capacity];
        seq = new long[capacity];
        timeNs = new long[capacity];
        priceFen = new long[capacity];
        qty = new long[capacity];
        prevPriceFen = new long[capacity];
        buyOrderId = new long[capacity];
        sellOrderId = new long[capacity];
        product = new int[capacity];
        buyer = new int[capacity];
        seller = new int[capacity];
        aggressorSide = new byte[capacity];
        marks = new byte[capacity];
        prevPair = new long[capacity];
        prevBuyer = new long[capacity];
        prevSeller = new long[capacity];
        prevProduct = new long[capacity];
        nextProduct = new long[capacity];
        productOrdinal = new long[capacity];
        lastPriceFen = new long[productsMax];
    }

    public static long pairKey(final int product, final int buyer, final int seller)
    {
        return ((long)product << (2 * PARTICIPANT_BITS)) | ((long)buyer << PARTICIPANT_BITS) | seller;
    }

    public static long sideKey(final int product, final int participant)
    {
        return ((long)product << PARTICIPANT_BITS) | participant;
    }

    /**
     * Adds a trade; returns its number. {@code prevPriceFen} is the product's last price before it
     * (0: none), which the caller passes when restoring and {@link #lastPriceFen} otherwise.
     */
    public long append(
        final long tradeId, final long seq, final long timeNs, final int product, final int buyer, final int seller,
        final byte aggressorSide, final long priceFen, final long qty, final long buyOrderId, final long sellOrderId,
        final long prevPriceFen)
    {
        assert priceFen > 0 && qty > 0 : "trade " + tradeId + " without price or quantity";
        assert 0 == count || timeNs >= timeNs(count - 1) : "journal time went backwards at trade " + tradeId;
        final long n = count;
        final int slot = (int)(n & mask);
        if (n >= capacity)
        {
            evict(n - capacity, slot);
        }
        this.tradeId[slot] = tradeId;
        this.seq[slot] = seq;
        this.timeNs[slot] = timeNs;
        this.product[slot] = product;
        this.buyer[slot] = buyer;
        this.seller[slot] = seller;
        this.aggressorSide[slot] = aggressorSide;
        this.priceFen[slot] = priceFen;
        this.qty[slot] = qty;
        this.buyOrderId[slot] = buyOrderId;
        this.sellOrderId[slot] = sellOrderId;
        this.prevPriceFen[slot] = prevPriceFen;
        this.marks[slot] = 0;
        prevPair[slot] = link(headByPair, pairKey(product, buyer, seller), n);
        prevBuyer[slot] = link(headByBuyer, sideKey(product, buyer), n);
        prevSeller[slot] = link(headBySeller, sideKey(product, seller), n);
        prevProduct[slot] = link(headByProduct, product, n);
        nextProduct[slot] = NONE;
        final long before = held(prevProduct[slot]);
        if (NONE != before)
        {
            nextProduct[(int)(before & mask)] = n;
            productOrdinal[slot] = productOrdinal[(int)(before & mask)] + 1;
        }
        else
        {
            productOrdinal[slot] = 0;
        }
        lastPriceFen[product] = priceFen;
        count = n + 1;
        return n;
    }

    private static long link(final Long2LongHashMap heads, final long key, final long n)
    {
        final long previous = heads.get(key);
        heads.put(key, n);
        return previous;
    }

    private void evict(final long old, final int slot)
    {
        unlink(headByPair, pairKey(product[slot], buyer[slot], seller[slot]), old);
        unlink(headByBuyer, sideKey(product[slot], buyer[slot]), old);
        unlink(headBySeller, sideKey(product[slot], seller[slot]), old);
        unlink(headByProduct, product[slot], old);
    }

    private static void unlink(final Long2LongHashMap heads, final long key, final long old)
    {
        if (heads.get(key) == old)
        {
            heads.remove(key);
        }
    }

    /** Trades appended so far; the next trade's number. */
    public long count()
    {
        return count;
    }

    /** Whether trade {@code n} is still held. */
    public boolean isHeld(final long n)
    {
        return n >= 0 && n < count && n >= count - capacity;
    }

    private int slot(final long n)
    {
        assert isHeld(n) : "trade number " + n + " no longer held";
        return (int)(n & mask);
    }

    /** The newest trade of this (product, buyer, seller), NONE if none held. */
    public long headOfPair(final int product, final int buyer, final int seller)
    {
        return held(headByPair.get(pairKey(product, buyer, seller)));
    }

    public long headOfBuyer(final int product, final int buyer)
    {
        return held(headByBuyer.get(sideKey(product, buyer)));
    }

    public long headOfSeller(final int product, final int seller)
    {
        return held(headBySeller.get(sideKey(product, seller)));
    }

    public long headOfProduct(final int product)
    {
        return held(headByProduct.get(product));
    }

    public long previousOfPair(final long n)
    {
        return held(prevPair[slot(n)]);
    }

    public long previousOfBuyer(final long n)
    {
        return held(prevBuyer[slot(n)]);
    }

    public long previousOfSeller(final long n)
    {
        return held(prevSeller[slot(n)]);
    }

    public long previousOfProduct(final long n)
    {
        return held(prevProduct[slot(n)]);
    }

    /** The next trade of the same product, NONE when {@code n} is its newest. */
    public long nextOfProduct(final long n)
    {
        return held(nextProduct[slot(n)]);
    }

    /**
     * Trades of its product between an earlier held trade {@code m} and {@code n}: {@code n}'s
     * ordinal less {@code m}'s (every trade after a held one is held, so the count is exact).
     */
    public long productTradesBetween(final long m, final long n)
    {
        assert product(m) == product(n) && m <= n;
        return productOrdinal[slot(n)] - productOrdinal[slot(m)];
    }

    private long held(final long n)
    {
        return isHeld(n) ? n : NONE;
    }

    public long tradeId(final long n)
    {
        return tradeId[slot(n)];
    }

    public long seq(final long n)
    {
        return seq[slot(n)];
    }

    public long timeNs(final long n)
    {
        return timeNs[slot(n)];
    }

    public int product(final long n)
    {
        return product[slot(n)];
    }

    public int buyer(final long n)
    {
        return buyer[slot(n)];
    }

    public int seller(final long n)
    {
        return seller[slot(n)];
    }

    public byte aggressorSide(final long n)
    {
        return aggressorSide[slot(n)];
    }

    public long priceFen(final long n)
    {
        return priceFen[slot(n)];
    }

    public long qty(final long n)
    {
        return qty[slot(n)];
    }

    /** price x qty in fen. */
    public long valueFen(final long n)
    {
        final int s = slot(n);
        return Math.multiplyExact(priceFen[s], qty[s]);
    }

    public long buyOrderId(final long n)
    {
        return buyOrderId[slot(n)];
    }

    public long sellOrderId(final long n)
    {
        return sellOrderId[slot(n)];
    }

    /** The product's last price before trade {@code n}, 0 when it was the product's first. */
    public long prevPriceFen(final long n)
    {
        return prevPriceFen[slot(n)];
    }

    public boolean isMarked(final long n, final byte mark)
    {
        return (marks[slot(n)] & mark) != 0;
    }

    public void mark(final long n, final byte mark)
    {
        marks[slot(n)] |= mark;
    }

    /** The product's last trade price, 0 before its first trade. */
    public long lastPriceFen(final int product)
    {
        return lastPriceFen[product];
    }

    /** Writes the held trades, oldest first, and the products' last prices. */
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        final long first = Math.max(0, count - capacity);
        out.writeLong(first);
        out.writeInt((int)(count - first));
        for (long n = first; n < count; n++)
        {
            final int s = slot(n);
            out.writeLong(tradeId[s]);
            out.writeLong(seq[s]);
            out.writeLong(timeNs[s]);
            out.writeInt(product[s]);
            out.writeInt(buyer[s]);
            out.writeInt(seller[s]);
            out.writeByte(aggressorSide[s]);
            out.writeLong(priceFen[s]);
            out.writeLong(qty[s]);
            out.writeLong(buyOrderId[s]);
            out.writeLong(sellOrderId[s]);
            out.writeLong(prevPriceFen[s]);
            out.writeByte(marks[s]);
        }
        int priced = 0;
        for (int i = 0; i < productsMax; i++)
        {
            priced += 0 != lastPriceFen[i] ? 1 : 0;
        }
        out.writeInt(priced);
        for (int i = 0; i < productsMax; i++)
        {
            if (0 != lastPriceFen[i])
            {
                out.writeInt(i);
                out.writeLong(lastPriceFen[i]);
            }
        }
    }

    /** Restores into an empty ring: appending the held trades again rebuilds every chain as it was. */
    public void readSnapshot(final DataInput in) throws IOException
    {
        if (0 != count)
        {
            throw new IllegalStateException("restore into a ring already in use");
        }
        final long first = in.readLong();
        final int held = in.readInt();
        if (first < 0 || held < 0 || held > capacity)
        {
            throw new IOException("snapshot holds " + held + " recent trades, capacity " + capacity);
        }
        count = first;
        for (int k = 0; k < held; k++)
        {
            final long id = in.readLong();
            final long s = in.readLong();
            final long t = in.readLong();
            final int p = in.readInt();
            final int b = in.readInt();
            final int sl = in.readInt();
            final byte side = in.readByte();
            final long price = in.readLong();
            final long q = in.readLong();
            final long buyOrder = in.readLong();
            final long sellOrder = in.readLong();
            final long prevPrice = in.readLong();
            final long n = append(id, s, t, p, b, sl, side, price, q, buyOrder, sellOrder, prevPrice);
            marks[slot(n)] = in.readByte();
        }
        final int priced = in.readInt();
        for (int k = 0; k < priced; k++)
        {
            final int i = in.readInt();
            if (i < 0 || i >= productsMax)
            {
                throw new IOException("snapshot prices product " + i + ", limit " + productsMax);
            }
            lastPriceFen[i] = in.readLong();
        }
    }
}
