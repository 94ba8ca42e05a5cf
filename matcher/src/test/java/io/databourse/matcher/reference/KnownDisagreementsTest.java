package io.databourse.matcher.reference;

import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static io.databourse.matcher.reference.CommandGenerator.ALGO;
import static io.databourse.matcher.reference.CommandGenerator.BUY;
import static io.databourse.matcher.reference.CommandGenerator.DATA;
import static io.databourse.matcher.reference.CommandGenerator.SUP;

/**
 * Where the Matcher disagrees with docs/matching-rules.md (or the journal schema's own field
 * documentation), each as the smallest command sequence after the standard setup. Disabled until
 * the matcher is fixed; the random differential test avoids exactly these inputs unless
 * {@link CommandGenerator} is built with {@code knownDisagreements = true}
 * ({@link #randomSequencesIncludingKnownDisagreements}). To run them anyway:
 * {@code mvn -o test -pl matcher -Dtest='io/databourse/matcher/reference/KnownDisagreementsTest'
 * -Djunit.jupiter.conditions.deactivate='org.junit.*DisabledCondition'}.
 * Fixed ones move to {@link MatcherScenarioTest} as regressions.
 */
class KnownDisagreementsTest
{
    /**
     * docs/matching-rules.md, Price band: "lower = ceil((ref x (10000 - bps)) / 10000) rounded up to
     * the tick". The matcher (Product.bandLowerFen) computes ref - ceil(ref x bps / 10000), which is
     * the floor: with DATA-A at reference 9 995 and 500 bps the lower edge is ceil(9 495.25) = 9 496,
     * up to the tick of 5: 9 500; the matcher's is 9 495, so a buy at 9 495 is accepted instead of
     * PRICE_OUTSIDE_BAND (and a market sell may trade down to 9 495).
     */
    @Test
    @Disabled("matcher bug: band lower edge rounds down (floor) instead of ceil")
    void bandLowerEdgeRoundsUp()
    {
        final DifferentialPair both = new DifferentialPair();
        both.check(both.gen.order(SUP, DATA, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_995, 10));
        both.check(both.gen.order(BUY, DATA, "b1", Side.BUY, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_995, 10)); // reference price now 9 995
        both.check(both.gen.order(BUY, DATA, "b2", Side.BUY, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_495, 10));
    }

    /**
     * RejectedEvent: "participant index, -1 when unknown". An end of day by an unregistered actor
     * is refused NOT_AUTHORIZED naming participant -2 (Matcher.onEndOfDay passes
     * ReferenceDataHandler.ACTOR_UNKNOWN through; the reference-data commands map it to -1).
     */
    @Test
    @Disabled("matcher bug: end_of_day by an unknown actor rejects with participant -2 instead of -1")
    void endOfDayByUnknownActorNamesParticipantMinusOne()
    {
        final DifferentialPair both = new DifferentialPair();
        both.check(both.gen.endOfDayBy("GHOST"));
    }

    /**
     * docs/matching-rules.md, Units: "price x quantity must fit in 2^62 fen; otherwise OVERFLOW".
     * The matcher's limit is Matcher.VALUE_MAX_FEN = 2^61: a sell of 3 000 000 units at 10^12 fen
     * (value 3 x 10^18, between 2^61 and 2^62) is OVERFLOW instead of reaching the inventory check.
     */
    @Test
    @Disabled("matcher bug: overflow guard at 2^61, docs/matching-rules.md says 2^62")
    void overflowGuardIsTwoToThe62()
    {
        final DifferentialPair both = new DifferentialPair();
        both.check(both.gen.order(SUP, ALGO, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 1_000_000_000_000L, 3_000_000));
    }

    /**
     * OrderEvent: "origClOrdId - clOrdId the order had before (cancel, replace)". A replace naming
     * the order by orderId alone (allowed since the matcher's a0cdabc) gives a replaced event with
     * an empty origClOrdId: EventLog.replaced copies the request's field instead of the order's
     * previous clOrdId (a cancel by orderId alone does carry it).
     */
    @Test
    @Disabled("matcher bug: replaced event by orderId alone has an empty origClOrdId")
    void replaceByOrderIdAloneCarriesThePreviousClOrdId()
    {
        final DifferentialPair both = new DifferentialPair();
        both.check(both.gen.order(SUP, DATA, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 20));
        both.check(both.gen.replaceOrder(SUP, "s1b", "", 1, 10_000, 10, ""));
    }

    /** The random differential test with every input above allowed. */
    @Test
    @Disabled("fails until the matcher bugs above are fixed")
    void randomSequencesIncludingKnownDisagreements()
    {
        for (long seed = 1; seed <= 50; seed++)
        {
            MatcherDifferentialTest.runSequence(seed, MatcherDifferentialTest.COMMANDS, true);
        }
    }
}
