package io.databourse.matcher;

/**
 * The messages of broken invariants (the matching path's {@code assert}s and book checks), built only
 * when one fails. They live here, not in the matching classes, so that those classes' constant pools
 * hold no strings: HotSpot resolves a class's string constants on the thread that first asks for its
 * C2 compilation, a one-off allocation on the matching thread that {@code SteadyStateAllocationTest}
 * would count whenever the JIT gets to a class late.
 */
final class Violations
{
    private Violations()
    {
    }

    static String uncrossAboveReservation(final long price, final long buyReservePrice)
    {
        return "uncross at " + price + " above the buy's reservation " + buyReservePrice;
    }

    static String reservationNegative(final long released, final long stillReserved)
    {
        return "released " + released + ", still reserved " + stillReserved;
    }

    static String fillNotCovered(final long qty, final long price, final long pays, final long released)
    {
        return "fill of " + qty + " at " + price + " pays " + pays + ", releases " + released;
    }

    static String feeAboveValue(final long value, final long buyFee, final long sellFee)
    {
        return "fees " + buyFee + " and " + sellFee + " above the fill's value " + value;
    }

    static String crossBorderYearOutOfRange(final int year)
    {
        return "cross-border year " + year + " does not fit the trade event's uint16 (1..65534)";
    }

    static String handedOnMore(final long handedOn, final long units)
    {
        return "handed on " + handedOn + " of " + units;
    }

    static String bookOutOfOrder(final String productId)
    {
        return "book levels out of order: " + productId;
    }

    static String bookCrossed(final String productId)
    {
        return "book crossed: " + productId;
    }

    static String selfTrade(final int buyer, final int seller)
    {
        return "participants " + buyer + " and " + seller + " share a beneficial owner: no trade between them";
    }

    static String cashNotConserved(
        final int buyer, final int seller, final long valueFen, final long buyFeeFen, final long sellFeeFen)
    {
        return "fill of value " + valueFen + " (fees " + buyFeeFen + ", " + sellFeeFen + ") between " + buyer +
            " and " + seller + " did not conserve cash";
    }
}
