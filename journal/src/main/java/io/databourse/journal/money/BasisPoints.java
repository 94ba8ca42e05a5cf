package io.databourse.journal.money;

/**
 * A share of an amount in basis points, rounded down to the fen: the one place this rounding is
 * written. The matcher's fees (charged and reserved) and the positions stage's collateral after a
 * haircut both take it from here, so an amount rounds the same way wherever it is computed.
 */
public final class BasisPoints
{
    /** 100 % in basis points. */
    public static final int WHOLE = 10_000;

    private BasisPoints()
    {
    }

    /**
     * floor(valueFen x bps / 10000) for valueFen &gt;= 0 and 0 &lt;= bps &lt;= 10000, without overflowing:
     * the value is split at 10000, so no intermediate exceeds the value and neither does the result.
     */
    public static long floorShareFen(final long valueFen, final int bps)
    {
        assert valueFen >= 0 && bps >= 0 && bps <= WHOLE : "value " + valueFen + ", bps " + bps;
        if (0 == bps)
        {
            return 0; // no fee schedule (the common case on most products): skip the divisions
        }
        return (valueFen / WHOLE) * bps + ((valueFen % WHOLE) * bps) / WHOLE;
    }
}
