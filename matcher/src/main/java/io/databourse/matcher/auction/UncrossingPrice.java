package io.databourse.matcher.auction;

/**
 * The price a call auction uncrosses at (docs/matching-rules.md, call auctions), over a book seen as
 * price levels: every limit price on either side is a candidate, and so is the reference price when
 * it lies between the lowest and the highest of them. At a candidate price p the demand D(p) is the
 * quantity of buys at p or above (market buys at any price), the supply S(p) that of sells at p or
 * below (market sells at any price); p can execute V(p) = min(D, S) and leaves the surplus
 * I(p) = D - S. The price is the candidate with:
 * <ol>
 *   <li>the maximum executable volume V;</li>
 *   <li>then the minimum surplus |I|;</li>
 *   <li>then, by market pressure: the highest candidate left when every one left has a buy surplus
 *       (I &gt; 0), the lowest when every one left has a sell surplus (I &lt; 0);</li>
 *   <li>otherwise the candidate closest to the reference price (the lower of two as close; without
 *       a reference price, the lowest).</li>
 * </ol>
 * No candidate executes anything (V = 0 everywhere): no price. One pass over both sides in price
 * order, no allocation: the matcher recomputes the indicative price after every order of an auction.
 * The rules above are written once, here; the test-side reference model finds the same price by
 * brute force.
 */
public final class UncrossingPrice
{
    /** One side's price levels, best first (bids highest first, asks lowest first), quantity > 0 each. */
    public interface Levels
    {
        int count();

        long price(int depth);

        long qty(int depth);
    }

    /** Which rule decided the last price (tests and the event's explanation). */
    public static final byte RULE_NONE = 0;
    public static final byte RULE_VOLUME = 1;
    public static final byte RULE_SURPLUS = 2;
    public static final byte RULE_PRESSURE = 3;
    public static final byte RULE_REFERENCE = 4;

    private long price;
    private long volume;
    private long surplus;
    private byte rule;

    // candidates tied on rules 1 and 2 so far
    private long bestVolume;
    private int volumeTies;
    private long bestAbsSurplus;
    private int tied;
    private long tiedLowest;
    private long tiedLowestSurplus;
    private long tiedHighest;
    private long tiedHighestSurplus;
    private boolean allBuySurplus;
    private boolean allSellSurplus;
    private long closest;
    private long closestSurplus;
    private long closestDistance;
    private long referenceFen;

    /**
     * Computes the uncrossing price of the book; returns false when nothing can execute.
     *
     * @param marketBuyQty  quantity of market buys waiting in the auction (they buy at any price)
     * @param marketSellQty quantity of market sells waiting in the auction
     * @param referenceFen  the product's reference price (0: none)
     */
    public boolean compute(
        final Levels bids, final Levels asks, final long marketBuyQty, final long marketSellQty, final long referenceFen)
    {
        this.referenceFen = referenceFen;
        price = 0;
        volume = 0;
        surplus = 0;
        rule = RULE_NONE;
        bestVolume = 0;
        volumeTies = 0;
        bestAbsSurplus = Long.MAX_VALUE;
        tied = 0;

        final int nb = bids.count();
        final int na = asks.count();
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        long bidTotal = 0;
        if (nb > 0)
        {
            lowest = bids.price(nb - 1);
            highest = bids.price(0);
        }
        if (na > 0)
        {
            lowest = Math.min(lowest, asks.price(0));
            highest = Math.max(highest, asks.price(na - 1));
        }
        for (int d = 0; d < nb; d++)
        {
            bidTotal += bids.qty(d);
        }
        boolean referencePending = referenceFen > 0 && referenceFen >= lowest && referenceFen <= highest;

        // Ascending walk over every candidate: asks from their best (lowest) up, bids from their worst.
        long supply = marketSellQty;               // sells at the candidate or below
        long demand = marketBuyQty + bidTotal;     // buys at the candidate or above
        int ask = 0;                               // next ask not yet counted in supply
        int bid = nb - 1;                          // lowest bid still counted in demand
        int bidCandidate = nb - 1;                 // lowest bid price not yet evaluated
        long p = Long.MIN_VALUE;
        while (true)
        {
            while (bidCandidate >= 0 && bids.price(bidCandidate) <= p)
            {
                bidCandidate--;
            }
            long next = Long.MAX_VALUE;
            if (ask < na)
            {
                next = asks.price(ask);
            }
            if (bidCandidate >= 0)
            {
                next = Math.min(next, bids.price(bidCandidate));
            }
            if (referencePending && referenceFen > p)
            {
                next = Math.min(next, referenceFen);
            }
            if (Long.MAX_VALUE == next)
            {
                break;
            }
            p = next;
            if (p == referenceFen)
            {
                referencePending = false;
            }
            while (ask < na && asks.price(ask) <= p)
            {
                supply += asks.qty(ask);
                ask++;
            }
            while (bid >= 0 && bids.price(bid) < p)
            {
                demand -= bids.qty(bid);
                bid--;
            }
            consider(p, demand, supply);
        }
        if (0 == bestVolume)
        {
            // Only market orders, or only one side: the reference price when both sides have market orders.
            if (marketBuyQty > 0 && marketSellQty > 0 && 0 == nb && 0 == na && referenceFen > 0)
            {
                price = referenceFen;
                volume = Math.min(marketBuyQty, marketSellQty);
                surplus = marketBuyQty - marketSellQty;
                rule = RULE_REFERENCE;
                return true;
            }
            return false;
        }
        decide();
        assert volume > 0 && price > 0;
        return true;
    }

    private void consider(final long p, final long demand, final long supply)
    {
        final long v = Math.min(demand, supply);
        if (0 == v)
        {
            return;
        }
        final long imbalance = demand - supply;
        final long absImbalance = Math.abs(imbalance);
        if (v < bestVolume)
        {
            return;
        }
        if (v > bestVolume)
        {
            bestVolume = v;
            volumeTies = 0;
            bestAbsSurplus = Long.MAX_VALUE;
        }
        volumeTies++;
        if (absImbalance > bestAbsSurplus)
        {
            return;
        }
        if (absImbalance < bestAbsSurplus)
        {
            bestAbsSurplus = absImbalance;
            tied = 0;
            allBuySurplus = true;
            allSellSurplus = true;
            closestDistance = Long.MAX_VALUE;
        }
        // tied on rules 1 and 2 with the best so far; candidates come in ascending order
        if (0 == tied)
        {
            tiedLowest = p;
            tiedLowestSurplus = imbalance;
        }
        tied++;
        tiedHighest = p;
        tiedHighestSurplus = imbalance;
        allBuySurplus &= imbalance > 0;
        allSellSurplus &= imbalance < 0;
        final long distance = Math.abs(p - referenceFen);
        if (distance < closestDistance)
        {
            closestDistance = distance;
            closest = p;
            closestSurplus = imbalance;
        }
    }

    private void decide()
    {
        volume = bestVolume;
        if (1 == tied)
        {
            price = tiedLowest;
            surplus = tiedLowestSurplus;
            rule = 1 == volumeTies ? RULE_VOLUME : RULE_SURPLUS;
            return;
        }
        if (allBuySurplus)
        {
            price = tiedHighest;
            surplus = tiedHighestSurplus;
            rule = RULE_PRESSURE;
        }
        else if (allSellSurplus)
        {
            price = tiedLowest;
            surplus = tiedLowestSurplus;
            rule = RULE_PRESSURE;
        }
        else
        {
            price = closest;
            surplus = closestSurplus;
            rule = RULE_REFERENCE;
        }
    }

    /** The uncrossing price (fen) of the last successful {@link #compute}. */
    public long price()
    {
        return price;
    }

    /** The quantity that trades at that price. */
    public long volume()
    {
        return volume;
    }

    /** Demand minus supply at that price: &gt; 0 buyers are left over, &lt; 0 sellers. */
    public long surplus()
    {
        return surplus;
    }

    /** Which rule decided the price ({@link #RULE_VOLUME} ... {@link #RULE_REFERENCE}). */
    public byte rule()
    {
        return rule;
    }
}
