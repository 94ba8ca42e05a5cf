package io.databourse.matcher.auction;

import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

/**
 * One product's call auction as matcher state (docs/matching-rules.md, Call auctions): its end time,
 * the indicative price last published, and its market orders. Limit orders of an auction rest on the
 * product's book as always (which may then be crossed); market orders have no price level, so they
 * wait here, each side in arrival order, a buy with the price its cash is reserved at. Written into
 * snapshots by the product (phase, end, indicative) and by {@code MatcherSnapshot} (the queues, with
 * the books).
 */
public final class AuctionState
{
    /** When the auction ends (epoch ns, the sequencer's clock); 0: only an admin's {@code end} ends it. */
    public long endsAtNs;
    /** The indicative uncrossing price, volume and surplus last published (0 price: none). */
    public long indicativePriceFen;
    public long indicativeVolume;
    public long indicativeSurplus;

    private final IntArrayList marketBuys = new IntArrayList();
    private final LongArrayList marketBuyReserveFen = new LongArrayList();
    private final IntArrayList marketSells = new IntArrayList();
    private long marketBuyQty;
    private long marketSellQty;

    /** Forgets the indicative price and end time (a new auction starts from nothing published). */
    public void reset(final long endsAtNs)
    {
        this.endsAtNs = endsAtNs;
        indicativePriceFen = 0;
        indicativeVolume = 0;
        indicativeSurplus = 0;
    }

    public void queueMarketBuy(final int slot, final long reserveFen, final long qty)
    {
        marketBuys.addInt(slot);
        marketBuyReserveFen.addLong(reserveFen);
        marketBuyQty += qty;
    }

    public void queueMarketSell(final int slot, final long qty)
    {
        marketSells.addInt(slot);
        marketSellQty += qty;
    }

    public int marketBuyCount()
    {
        return marketBuys.size();
    }

    public int marketSellCount()
    {
        return marketSells.size();
    }

    /** The i-th market buy in arrival order (its order slot). */
    public int marketBuy(final int i)
    {
        return marketBuys.getInt(i);
    }

    public int marketSell(final int i)
    {
        return marketSells.getInt(i);
    }

    /** The price the i-th market buy's cash is reserved at. */
    public long marketBuyReserveFen(final int i)
    {
        return marketBuyReserveFen.getLong(i);
    }

    /** Open quantity of the queued market buys (they buy at any price). */
    public long marketBuyQty()
    {
        return marketBuyQty;
    }

    public long marketSellQty()
    {
        return marketSellQty;
    }

    /** A queued market order's open quantity fell by {@code qty} (a fill). */
    public void reduce(final boolean buy, final long qty)
    {
        if (buy)
        {
            marketBuyQty -= qty;
        }
        else
        {
            marketSellQty -= qty;
        }
        assert marketBuyQty >= 0 && marketSellQty >= 0;
    }

    /** The reservation price of a queued market buy, by its order slot. */
    public long reserveFenOf(final int slot)
    {
        final int i = marketBuys.indexOf(slot);
        assert i >= 0 : "market buy " + slot + " not queued";
        return marketBuyReserveFen.getLong(i);
    }

    /** Takes a queued market order out (cancelled, filled), with its open quantity {@code leaves}. */
    public void remove(final int slot, final boolean buy, final long leaves)
    {
        if (buy)
        {
            final int i = marketBuys.indexOf(slot);
            assert i >= 0 : "market buy " + slot + " not queued";
            marketBuys.removeAt(i);
            marketBuyReserveFen.removeAt(i);
            marketBuyQty -= leaves;
        }
        else
        {
            final int i = marketSells.indexOf(slot);
            assert i >= 0 : "market sell " + slot + " not queued";
            marketSells.removeAt(i);
            marketSellQty -= leaves;
        }
        assert marketBuyQty >= 0 && marketSellQty >= 0;
    }

    public boolean hasMarketOrders()
    {
        return !marketBuys.isEmpty() || !marketSells.isEmpty();
    }
}
