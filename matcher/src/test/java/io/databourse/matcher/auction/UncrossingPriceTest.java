package io.databourse.matcher.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed books, one per rule of the uncrossing price (docs/matching-rules.md). Each comment
 * lists every candidate p with its demand D, supply S, volume V = min(D, S) and surplus I = D - S.
 */
class UncrossingPriceTest
{
    /** Levels from {price, qty} pairs, best first. */
    static UncrossingPrice.Levels levels(final long... priceQty)
    {
        return new UncrossingPrice.Levels()
        {
            @Override
            public int count()
            {
                return priceQty.length / 2;
            }

            @Override
            public long price(final int depth)
            {
                return priceQty[2 * depth];
            }

            @Override
            public long qty(final int depth)
            {
                return priceQty[2 * depth + 1];
            }
        };
    }

    private final UncrossingPrice uncross = new UncrossingPrice();

    private void assertUncross(final long price, final long volume, final long surplus, final byte rule)
    {
        assertEquals(price, uncross.price(), "price");
        assertEquals(volume, uncross.volume(), "volume");
        assertEquals(surplus, uncross.surplus(), "surplus");
        assertEquals(rule, uncross.rule(), "rule");
    }

    @Test
    void ruleOneMaximumExecutableVolume()
    {
        // p=98: D100 S10 V10 | p=99: D100 S30 V30 | p=100: D50 S60 V50 I-10 | p=101: D30 S100 V30
        assertTrue(uncross.compute(levels(101, 30, 100, 20, 99, 50), levels(98, 10, 99, 20, 100, 30, 101, 40), 0, 0, 0));
        assertUncross(100, 50, -10, UncrossingPrice.RULE_VOLUME);
    }

    @Test
    void ruleTwoMinimumSurplus()
    {
        // p=99: D25 S10 V10 I+15 | p=100: D25 S10 V10 I+15 | p=101: D10 S15 V10 I-5  -> V ties, |I| least at 101
        assertTrue(uncross.compute(levels(101, 10, 100, 15), levels(99, 10, 101, 5), 0, 0, 0));
        assertUncross(101, 10, -5, UncrossingPrice.RULE_SURPLUS);
    }

    @Test
    void ruleThreeMarketPressureBuySurplusTakesTheHighest()
    {
        // p=100: D30 S10 V10 | p=101: D30 S20 V20 I+10 | p=102: D30 S20 V20 I+10 -> buyers left at both: highest
        assertTrue(uncross.compute(levels(102, 30), levels(100, 10, 101, 10), 0, 0, 0));
        assertUncross(102, 20, 10, UncrossingPrice.RULE_PRESSURE);
    }

    @Test
    void ruleThreeMarketPressureSellSurplusTakesTheLowest()
    {
        // p=98: D20 S30 V20 I-10 | p=99: D20 S30 V20 I-10 | p=100: D10 S30 V10 -> sellers left at both: lowest
        assertTrue(uncross.compute(levels(100, 10, 99, 10), levels(98, 30), 0, 0, 0));
        assertUncross(98, 20, -10, UncrossingPrice.RULE_PRESSURE);
    }

    @Test
    void ruleFourClosestToTheReferencePrice()
    {
        // p=99: D10 S10 V10 I0 | p=100 (reference): D10 S10 V10 I0 | p=101: D10 S10 V10 I0
        assertTrue(uncross.compute(levels(101, 10), levels(99, 10), 0, 0, 100));
        assertUncross(100, 10, 0, UncrossingPrice.RULE_REFERENCE);
        // a reference outside the candidates' range is not a candidate: the closest one is
        assertTrue(uncross.compute(levels(101, 10), levels(99, 10), 0, 0, 105));
        assertUncross(101, 10, 0, UncrossingPrice.RULE_REFERENCE);
        assertTrue(uncross.compute(levels(101, 10), levels(99, 10), 0, 0, 50));
        assertUncross(99, 10, 0, UncrossingPrice.RULE_REFERENCE);
        // without a reference price: the lowest
        assertTrue(uncross.compute(levels(101, 10), levels(99, 10), 0, 0, 0));
        assertUncross(99, 10, 0, UncrossingPrice.RULE_REFERENCE);
    }

    @Test
    void marketOrdersCountAtEveryPrice()
    {
        // market buy 10 + bid 99 x 5 against asks 100 x 5, 101 x 10:
        // p=99: D15 S0 | p=100: D10 S5 V5 | p=101: D10 S15 V10 I-5
        assertTrue(uncross.compute(levels(99, 5), levels(100, 5, 101, 10), 10, 0, 0));
        assertUncross(101, 10, -5, UncrossingPrice.RULE_VOLUME);
        // market orders only, both sides: the reference price
        assertTrue(uncross.compute(levels(), levels(), 7, 4, 1234));
        assertUncross(1234, 4, 3, UncrossingPrice.RULE_REFERENCE);
        // ... and nothing without one
        assertFalse(uncross.compute(levels(), levels(), 7, 4, 0));
        // market buys and sells beside limits that do not cross: the reference price in between has I = 0
        // p=90: D15 S10 V10 I+5 | p=100: D10 S10 V10 I0 | p=110: D10 S15 V10 I-5
        assertTrue(uncross.compute(levels(90, 5), levels(110, 5), 10, 10, 100));
        assertUncross(100, 10, 0, UncrossingPrice.RULE_SURPLUS);
    }

    @Test
    void nothingCrossesNoPrice()
    {
        assertFalse(uncross.compute(levels(99, 10, 98, 5), levels(101, 10), 0, 0, 100));
        assertFalse(uncross.compute(levels(99, 10), levels(), 0, 0, 100), "one side only");
        assertFalse(uncross.compute(levels(), levels(), 0, 0, 100), "an empty book");
        assertFalse(uncross.compute(levels(), levels(101, 10), 0, 5, 100), "market sells and asks, no buyer");
    }
}
