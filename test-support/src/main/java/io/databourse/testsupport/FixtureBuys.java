package io.databourse.testsupport;

import io.databourse.journal.money.BasisPoints;

import java.util.HashMap;
import java.util.Map;

/**
 * The buy orders {@link JournalFixture} has open and what each holds reserved, as the matcher
 * would: value plus fee at the rate fixed on acceptance, at the order's reservation price, and on a
 * fill what is left reserves the leaves.
 */
final class FixtureBuys
{
    private static final class Buy
    {
        long reservePriceFen;
        final int feeBps;
        long reservedFen;

        Buy(final long reservePriceFen, final int feeBps, final long reservedFen)
        {
            this.reservePriceFen = reservePriceFen;
            this.feeBps = feeBps;
            this.reservedFen = reservedFen;
        }
    }

    private final Map<Long, Buy> open = new HashMap<>();

    /** What a buy of {@code qty} at {@code priceFen} reserves: value + fee at {@code bps}, rounded down. */
    static long reservationFen(final long priceFen, final long qty, final int bps)
    {
        final long valueFen = Math.multiplyExact(priceFen, qty);
        return valueFen + BasisPoints.floorShareFen(valueFen, bps);
    }

    /** A buy accepted; returns what it reserves. */
    long accept(final long id, final long reservePriceFen, final long qty, final int feeBps)
    {
        final long reservedFen = reservationFen(reservePriceFen, qty, feeBps);
        open.put(id, new Buy(reservePriceFen, feeBps, reservedFen));
        return reservedFen;
    }

    /** The buy holds {@code reservedFen}, whatever the rule gives (a matcher that disagrees). */
    void holds(final long id, final long reservedFen)
    {
        open.get(id).reservedFen = reservedFen;
    }

    /** What the buy holds reserved now; 0 once it is done (or for an order that is not a buy). */
    long reservedFen(final long id)
    {
        final Buy b = open.get(id);
        return null == b ? 0 : b.reservedFen;
    }

    /** Replaced to a new price and leaves, at the rate fixed on acceptance; returns what it holds now. */
    long replace(final long id, final long priceFen, final long leavesQty)
    {
        final Buy b = open.get(id);
        b.reservePriceFen = priceFen;
        b.reservedFen = reservationFen(priceFen, leavesQty, b.feeBps);
        return b.reservedFen;
    }

    /** Filled down to {@code leavesQty}; returns what it holds now (0 when done, and then it is closed). */
    long fill(final long id, final long leavesQty)
    {
        final Buy b = open.get(id);
        b.reservedFen = leavesQty == 0 ? 0 : Math.min(b.reservedFen, reservationFen(b.reservePriceFen, leavesQty, b.feeBps));
        if (0 == leavesQty)
        {
            open.remove(id);
        }
        return b.reservedFen;
    }

    boolean isOpen(final long id)
    {
        return open.containsKey(id);
    }

    /** The buy is done (cancelled, expired, filled at once); returns what it held. */
    long close(final long id)
    {
        return open.remove(id).reservedFen;
    }
}
