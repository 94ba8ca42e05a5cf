package io.databourse.gateway.trading;

import java.util.ArrayDeque;
import java.util.Arrays;

import io.databourse.journal.schema.Codes;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Price levels of every product, rebuilt on the event thread from the order and trade events of
 * the egress stream, for market data. Each live limit order is tracked with what it contributes to
 * its level, so the book is exact whatever the order of acceptance and fills in a record: an
 * acceptance adds the order's open quantity, fills and cancels take away what it still had,
 * a replace moves it. Market orders never rest and are not tracked. Level changes are published
 * once per journal record, net: an aggressor that trades away within its own record never shows.
 */
public final class BookTracker
{
    /** Told of every level whose quantity changed (0 = the level is gone). */
    @FunctionalInterface
    public interface LevelListener
    {
        void onLevel(int product, byte side, long priceFen, long qty);
    }

    /** Receives a snapshot, best levels first. */
    @FunctionalInterface
    public interface LevelConsumer
    {
        void onLevel(byte side, long priceFen, long qty);
    }

    private static final class Tracked
    {
        int product;
        byte side;
        long priceFen;
        long leavesQty;
    }

    private final LevelListener listener;
    private final Long2ObjectHashMap<Tracked> live = new Long2ObjectHashMap<>();
    private final ArrayDeque<Tracked> free = new ArrayDeque<>();
    private final Int2ObjectHashMap<Long2LongHashMap[]> books = new Int2ObjectHashMap<>();
    private long[] scratch = new long[64];
    private static final int DIRTY_MAX = 1024;
    private final int[] dirtyProducts = new int[DIRTY_MAX];
    private final byte[] dirtySides = new byte[DIRTY_MAX];
    private final long[] dirtyPrices = new long[DIRTY_MAX];
    private final long[] dirtyBefore = new long[DIRTY_MAX];
    private int dirtyCount;

    public BookTracker(final LevelListener listener)
    {
        this.listener = listener;
    }

    public void onAccepted(
        final long orderId, final int product, final byte side, final byte ordType, final long priceFen, final long leavesQty)
    {
        if (ordType == Codes.OrdType.MARKET || leavesQty <= 0 || priceFen <= 0 || live.containsKey(orderId))
        {
            return;
        }
        Tracked t = free.poll();
        if (null == t)
        {
            t = new Tracked();
        }
        t.product = product;
        t.side = side;
        t.priceFen = priceFen;
        t.leavesQty = leavesQty;
        live.put(orderId, t);
        add(product, side, priceFen, leavesQty);
    }

    public void onReplaced(
        final long orderId, final int product, final byte side, final byte ordType, final long priceFen, final long leavesQty)
    {
        final Tracked t = live.get(orderId);
        if (null == t)
        {
            onAccepted(orderId, product, side, ordType, priceFen, leavesQty);
            return;
        }
        add(t.product, t.side, t.priceFen, -t.leavesQty);
        if (leavesQty <= 0)
        {
            live.remove(orderId);
            free.add(t);
            return;
        }
        t.priceFen = priceFen;
        t.leavesQty = leavesQty;
        add(t.product, t.side, priceFen, leavesQty);
    }

    /** Cancelled or expired: whatever the order still had leaves the book. */
    public void onDone(final long orderId)
    {
        final Tracked t = live.remove(orderId);
        if (null != t)
        {
            add(t.product, t.side, t.priceFen, -t.leavesQty);
            free.add(t);
        }
    }

    public void onTrade(final long buyOrderId, final long sellOrderId, final long qty)
    {
        fill(buyOrderId, qty);
        fill(sellOrderId, qty);
    }

    private void fill(final long orderId, final long qty)
    {
        final Tracked t = live.get(orderId);
        if (null == t)
        {
            return;
        }
        final long filled = Math.min(qty, t.leavesQty);
        t.leavesQty -= filled;
        add(t.product, t.side, t.priceFen, -filled);
        if (t.leavesQty == 0)
        {
            live.remove(orderId);
            free.add(t);
        }
    }

    private Long2LongHashMap[] book(final int product)
    {
        Long2LongHashMap[] sides = books.get(product);
        if (null == sides)
        {
            sides = new Long2LongHashMap[] {new Long2LongHashMap(0), new Long2LongHashMap(0)};
            books.put(product, sides);
        }
        return sides;
    }

    private void add(final int product, final byte side, final long priceFen, final long delta)
    {
        if (delta == 0 || side < 0 || side > 1)
        {
            return;
        }
        final Long2LongHashMap levels = book(product)[side];
        final long before = levels.get(priceFen);
        markDirty(product, side, priceFen, before);
        final long qty = before + delta;
        if (qty <= 0)
        {
            levels.remove(priceFen);
        }
        else
        {
            levels.put(priceFen, qty);
        }
    }

    private void markDirty(final int product, final byte side, final long priceFen, final long before)
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            if (dirtyPrices[i] == priceFen && dirtyProducts[i] == product && dirtySides[i] == side)
            {
                return;
            }
        }
        if (dirtyCount == DIRTY_MAX)
        {
            endRecord();
        }
        dirtyProducts[dirtyCount] = product;
        dirtySides[dirtyCount] = side;
        dirtyPrices[dirtyCount] = priceFen;
        dirtyBefore[dirtyCount] = before;
        dirtyCount++;
    }

    /** Publishes the net level changes of the record just applied. */
    public void endRecord()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            final long now = qtyAt(dirtyProducts[i], dirtySides[i], dirtyPrices[i]);
            if (now != dirtyBefore[i])
            {
                listener.onLevel(dirtyProducts[i], dirtySides[i], dirtyPrices[i], now);
            }
        }
        dirtyCount = 0;
    }

    /** Quantity at a level, 0 when none. */
    public long qtyAt(final int product, final byte side, final long priceFen)
    {
        final Long2LongHashMap[] sides = books.get(product);
        return null == sides ? 0 : sides[side].get(priceFen);
    }

    /** Bids best (highest) first, then offers best (lowest) first; at most depthMax per side (0 = all). */
    public void snapshot(final int product, final int depthMax, final LevelConsumer consumer)
    {
        final Long2LongHashMap[] sides = books.get(product);
        if (null == sides)
        {
            return;
        }
        for (byte side = 0; side <= 1; side++)
        {
            final Long2LongHashMap levels = sides[side];
            if (scratch.length < levels.size())
            {
                scratch = new long[Math.max(levels.size(), scratch.length * 2)];
            }
            int n = 0;
            final Long2LongHashMap.KeyIterator keys = levels.keySet().iterator();
            while (keys.hasNext())
            {
                scratch[n++] = keys.nextValue();
            }
            Arrays.sort(scratch, 0, n);
            final int limit = depthMax <= 0 ? n : Math.min(n, depthMax);
            for (int i = 0; i < limit; i++)
            {
                final long price = side == Codes.Side.BUY ? scratch[n - 1 - i] : scratch[i];
                consumer.onLevel(side, price, levels.get(price));
            }
        }
    }
}
