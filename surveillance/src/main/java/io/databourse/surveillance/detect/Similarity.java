package io.databourse.surveillance.detect;

/** "About the same": two prices within so many basis points, two quantities within so many percent. */
final class Similarity
{
    private Similarity()
    {
    }

    /** |value - reference| is at most {@code toleranceBps} basis points of reference. */
    static boolean priceWithin(final long valueFen, final long referenceFen, final long toleranceBps)
    {
        assert referenceFen > 0 : "a trade price is positive";
        return Math.multiplyExact(Math.abs(valueFen - referenceFen), 10_000L) <=
            Math.multiplyExact(toleranceBps, referenceFen);
    }

    /** |value - reference| is at most {@code tolerancePercent} percent of reference. */
    static boolean qtyWithin(final long value, final long reference, final long tolerancePercent)
    {
        assert reference > 0 : "a trade quantity is positive";
        return Math.multiplyExact(Math.abs(value - reference), 100L) <= Math.multiplyExact(tolerancePercent, reference);
    }
}
