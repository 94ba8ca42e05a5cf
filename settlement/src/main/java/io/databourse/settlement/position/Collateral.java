package io.databourse.settlement.position;

import io.databourse.journal.money.BasisPoints;

/**
 * What a pledge is worth as collateral: qty x mark x (1 - haircut), rounded down to the fen. A rule
 * of the positions stage (marks move after the matcher registered the pledge, so it is not a
 * matcher amount), written once here; the rounding is {@link BasisPoints}'s, as the matcher's fees.
 */
public final class Collateral
{
    private Collateral()
    {
    }

    /** floor(qty x priceFen x (10000 - haircutBps) / 10000), overflow-checked. */
    public static long valueFen(final long qty, final long priceFen, final int haircutBps)
    {
        if (haircutBps < 0 || haircutBps > BasisPoints.WHOLE)
        {
            throw new IllegalArgumentException("haircut " + haircutBps + " bps outside 0..10000");
        }
        return BasisPoints.floorShareFen(Math.multiplyExact(qty, priceFen), BasisPoints.WHOLE - haircutBps);
    }
}
