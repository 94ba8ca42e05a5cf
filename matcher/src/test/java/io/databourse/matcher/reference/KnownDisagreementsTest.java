package io.databourse.matcher.reference;

import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.MessageType;
import io.databourse.matcher.Matcher;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.databourse.matcher.reference.CommandGenerator.ALGO;
import static io.databourse.matcher.reference.CommandGenerator.BRK;
import static io.databourse.matcher.reference.CommandGenerator.BUY;
import static io.databourse.matcher.reference.CommandGenerator.DATA;
import static io.databourse.matcher.reference.CommandGenerator.GPU;
import static io.databourse.matcher.reference.CommandGenerator.SUP;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Where the Matcher disagrees with docs/matching-rules.md (or the journal schema's own field
 * documentation), each as the smallest command sequence after the standard setup. Disabled until
 * the matcher is fixed; the random differential test avoids exactly these inputs unless
 * {@link CommandGenerator} is built with {@code knownDisagreements = true}
 * ({@link #randomSequencesIncludingKnownDisagreements}). Run one with
 * {@code -Dtest='io/databourse/matcher/reference/KnownDisagreementsTest' -Djunit.jupiter.conditions.deactivate='org.junit.*DisabledCondition'}.
 */
class KnownDisagreementsTest
{
    /** The standard setup applied to both, then each command compared. */
    private static final class Both
    {
        final Matcher matcher = MatcherDifferentialTest.newMatcher();
        final ReferenceExchange model = new ReferenceExchange(
            CommandGenerator.PARTICIPANTS_MAX, CommandGenerator.PRODUCTS_MAX, CommandGenerator.ORDERS_MAX);
        final CommandGenerator gen = new CommandGenerator(1);
        final EventDecoder decoder = new EventDecoder();

        Both()
        {
            for (final CommandGenerator.Command c : gen.setup())
            {
                check(c);
            }
        }

        List<Ev> check(final CommandGenerator.Command c)
        {
            matcher.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
            final List<Ev> actual = decoder.decode(
                matcher.eventBuffer(), 0, matcher.eventsLength(), matcher.eventCount());
            final List<Ev> expected = model.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0,
                c.bytes().length);
            if (!expected.equals(actual))
            {
                fail("command " + c + "\n" + MatcherDifferentialTest.diff(expected, actual));
            }
            return actual;
        }
    }

    /**
     * docs/matching-rules.md, Reference data: "capacity: a compute provider/broker registers
     * nodes". The matcher (ReferenceDataHandler.onCapacity) accepts only compute_provider and
     * refuses a compute_broker with ROLE_NOT_PERMITTED.
     */
    @Test
    @Disabled("matcher bug: compute_broker may not register capacity (ROLE_NOT_PERMITTED)")
    void computeBrokerRegistersCapacity()
    {
        final Both both = new Both();
        both.check(both.gen.capacityOf(BRK, GPU, "b", 5));
    }

    /**
     * docs/matching-rules.md: "Cancel names the order by origClOrdId ... or exchange orderId";
     * CancelCommand: "named by origClOrdId (or by orderId when non-zero)". The matcher
     * (Matcher.findOrder) always looks the order up by origClOrdId and uses orderId only as a
     * cross-check, so a cancel or replace giving the orderId alone is UNKNOWN_ORDER.
     */
    @Test
    @Disabled("matcher bug: cancel/replace by orderId alone (empty origClOrdId) is UNKNOWN_ORDER")
    void cancelAndReplaceByOrderIdAlone()
    {
        final Both both = new Both();
        both.check(both.gen.order(SUP, DATA, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 20));
        both.check(both.gen.order(SUP, DATA, "s2", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 20));
        both.check(both.gen.replaceOrder(SUP, "s1b", "", 1, 10_000, 10, ""));
        both.check(both.gen.cancelOrder(SUP, "x2", "", 2));
    }

    /**
     * docs/matching-rules.md, Reservations: "fee(v, bps) = ceil(v x bps / 10000)". The matcher
     * (Matcher.feeFen, "fees never round up") rounds down, in trade fees and in the buy
     * reservation. With DATA fees 10/25 bps a 20 x 9 995 fill (value 199 900) costs the taker buyer
     * 500 (499.75 rounded up) and the maker seller 200 (199.9 rounded up); the matcher says 499/199.
     */
    @Test
    @Disabled("matcher bug: fees round down, docs/matching-rules.md says fee = ceil(v x bps / 10000)")
    void feesRoundUp()
    {
        final Both both = new Both();
        both.check(both.gen.fees(ProductKind.DATA, 10, 25));
        both.check(both.gen.order(SUP, DATA, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_995, 20));
        both.check(both.gen.order(BUY, DATA, "b1", Side.BUY, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_995, 20));
    }

    /**
     * docs/matching-rules.md: order checks "in this order (first failure wins)" put price (6) and
     * quantity (7) before the clOrdId check (8), and "All order checks ... apply to the new values"
     * of a replace. The matcher (Matcher.checkReplace) checks DUPLICATE_CLORDID first: a replace to
     * an off-tick price reusing a live clOrdId is DUPLICATE_CLORDID instead of PRICE_NOT_ON_TICK.
     */
    @Test
    @Disabled("matcher bug: replace checks DUPLICATE_CLORDID before price and quantity")
    void replaceChecksPriceBeforeClOrdId()
    {
        final Both both = new Both();
        both.check(both.gen.order(SUP, DATA, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 20));
        both.check(both.gen.order(SUP, ALGO, "s2", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 2_000, 100));
        both.check(both.gen.replaceOrder(SUP, "s2", "s1", 0, 10_001, 20, ""));
    }

    /**
     * Not a disagreement but a gap in docs/matching-rules.md that both the model and the matcher
     * follow: a market buy reserves at the band's upper edge at entry, but "Resting orders are not
     * re-checked when the band moves", so after a trade lowers the reference price a market buy can
     * fill against an older ask above the new upper edge and pay more than it reserved: the buyer's
     * available cash goes negative (-51 999 fen below). The rules should cap a market buy at the
     * price it reserved at (or re-check resting orders).
     */
    @Test
    @Disabled("spec gap shared by model and matcher: a market buy can overdraw available cash")
    void marketBuyCannotOverdrawAfterTheBandMoves()
    {
        final Both both = new Both();
        both.check(both.gen.order(SUP, DATA, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_500, 100)); // at the upper edge of 10 000 +/- 5%
        both.check(both.gen.order(BRK, DATA, "k1", Side.BUY, OrdType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_500, 10));
        both.check(both.gen.order(SUP, DATA, "s2", Side.SELL, OrdType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_500, 10)); // trades: reference 9 500, upper edge 9 975
        both.check(both.gen.cashOf(MessageType.WITHDRAW, BUY, 50_000_000L - 1_040_000L));
        both.check(both.gen.order(BUY, DATA, "m1", Side.BUY, OrdType.MARKET, TimeInForce.IOC, false,
            SelfTradePrevention.CANCEL_NEWEST, 0, 100)); // reserves 100 x 9 975 + 4%, pays 100 x 10 500 + 4%
        final Ev.Cash cash = (Ev.Cash)both.check(both.gen.cashOf(MessageType.DEPOSIT, BUY, 1)).get(0);
        assertTrue(cash.availableFen() >= 0, "available " + cash.availableFen());
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
        final Both both = new Both();
        both.check(both.gen.endOfDayBy("GHOST"));
    }

    /**
     * docs/matching-rules.md, Price band: "lower = ceil((ref x (10000 - bps)) / 10000) rounded up to
     * the tick". The matcher (Product.bandLowerFen) computes ref - ceil(ref x bps / 10000), which is
     * the floor: with DATA-A at reference 9 995 and 500 bps the lower edge is ceil(9 495.25) = 9 496,
     * up to the tick of 5: 9 500; the matcher's is 9 495, so a buy at 9 495 is accepted instead of
     * PRICE_OUTSIDE_BAND.
     */
    @Test
    @Disabled("matcher bug: band lower edge rounds down (floor) instead of ceil")
    void bandLowerEdgeRoundsUp()
    {
        final Both both = new Both();
        both.check(both.gen.order(SUP, DATA, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_995, 10));
        both.check(both.gen.order(BUY, DATA, "b1", Side.BUY, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_995, 10)); // reference price now 9 995
        both.check(both.gen.order(BUY, DATA, "b2", Side.BUY, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_495, 10));
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
