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
