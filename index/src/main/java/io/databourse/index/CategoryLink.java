package io.databourse.index;

import java.math.BigInteger;

/**
 * One day's link of a data-category index (docs/indexes.md): the previous close times the
 * value-weighted mean of the constituents' price relatives. A relative is a product's day VWAP over
 * its previous trading day's VWAP (both in fen, as published), to 12 decimals rounded down; the
 * weight is the day's traded value; the level is rounded down to the hundredth of a point. Exact
 * integer arithmetic (no floating point), once per category per day.
 */
final class CategoryLink
{
    static final BigInteger RELATIVE_SCALE = BigInteger.TEN.pow(12);

    private BigInteger weightedRelatives = BigInteger.ZERO;
    private BigInteger weights = BigInteger.ZERO;
    private int constituents;

    void reset()
    {
        weightedRelatives = BigInteger.ZERO;
        weights = BigInteger.ZERO;
        constituents = 0;
    }

    /** Adds a constituent: its day's value (fen), day VWAP and previous day VWAP (fen, both > 0). */
    void add(final long dayValueFen, final long dayVwapFen, final long previousVwapFen)
    {
        assert dayValueFen > 0 && dayVwapFen > 0 && previousVwapFen > 0;
        final BigInteger relative = BigInteger.valueOf(dayVwapFen).multiply(RELATIVE_SCALE)
            .divide(BigInteger.valueOf(previousVwapFen));
        final BigInteger weight = BigInteger.valueOf(dayValueFen);
        weightedRelatives = weightedRelatives.add(weight.multiply(relative));
        weights = weights.add(weight);
        constituents++;
    }

    int constituents()
    {
        return constituents;
    }

    /**
     * The level data category {@code i} closes the day at, from the products that traded today: the
     * base the first day anything traded (0 before), then the previous close chain-linked by the
     * products that also traded on an earlier day (unchanged without any). Records the volume behind
     * the link in the table.
     */
    long closeLevel(final int i, final DailyBars bars, final IndexTable indexes, final IndexProducts products)
    {
        final boolean first = IndexBook.STATUS_NONE == indexes.status(i);
        boolean tradedAny = false;
        long qty = 0;
        int trades = 0;
        reset();
        for (int k = 0; k < bars.tradedCount(); k++)
        {
            final int p = bars.traded(k);
            if (products.indexOf(p) != i || 0 == bars.qty(p))
            {
                continue; // (every trade of the day flagged: none left to count)
            }
            tradedAny = true;
            if (bars.previousVwap(p) > 0)
            {
                add(bars.value(p), bars.vwap(p), bars.previousVwap(p));
                qty += bars.qty(p);
                trades += bars.trades(p);
            }
        }
        if (first)
        {
            if (!tradedAny)
            {
                return 0;
            }
            indexes.closeVolume(i, 0, 0, 0);
            return IndexRules.BASE_LEVEL;
        }
        if (constituents > 0)
        {
            indexes.closeVolume(i, qty, trades, constituents);
        }
        return level(indexes.value(i));
    }

    /** What category {@code i} would close at if the day ended now (0 before its first close). */
    long indicativeLevel(final int i, final DailyBars bars, final IndexTable indexes, final IndexProducts products)
    {
        if (IndexBook.STATUS_NONE == indexes.status(i))
        {
            return 0;
        }
        reset();
        for (int k = 0; k < bars.tradedCount(); k++)
        {
            final int p = bars.traded(k);
            if (products.indexOf(p) == i && bars.previousVwap(p) > 0 && bars.qty(p) > 0)
            {
                add(bars.value(p), bars.vwap(p), bars.previousVwap(p));
            }
        }
        return level(indexes.value(i));
    }

    /** The new level from the previous one (hundredths); the previous level when nothing was added. */
    long level(final long previousLevel)
    {
        if (0 == constituents)
        {
            return previousLevel;
        }
        return BigInteger.valueOf(previousLevel).multiply(weightedRelatives)
            .divide(weights.multiply(RELATIVE_SCALE)).longValueExact();
    }
}
