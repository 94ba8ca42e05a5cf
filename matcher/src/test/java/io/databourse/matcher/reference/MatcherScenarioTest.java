package io.databourse.matcher.reference;

import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.ParticipantStatus;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.databourse.matcher.reference.CommandGenerator.ALGO;
import static io.databourse.matcher.reference.CommandGenerator.BRK;
import static io.databourse.matcher.reference.CommandGenerator.BUY;
import static io.databourse.matcher.reference.CommandGenerator.DATA;
import static io.databourse.matcher.reference.CommandGenerator.GPU;
import static io.databourse.matcher.reference.CommandGenerator.SUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-written scenarios run on the matcher and the model side by side ({@link DifferentialPair}),
 * with the expected outcome asserted as well: regressions for the disagreements found by the
 * differential test and since resolved (in the matcher or in docs/matching-rules.md).
 */
class MatcherScenarioTest
{
    private static CommandGenerator.Command limit(
        final DifferentialPair both, final String pid, final String prod, final String cl, final byte side,
        final byte tif, final long price, final long qty)
    {
        return both.gen.order(pid, prod, cl, side, OrdType.LIMIT, tif, false, SelfTradePrevention.CANCEL_NEWEST,
            price, qty);
    }

    /** Fees round down: 10/25 bps of 199 900 are 199 and 499 (499.75). */
    @Test
    void feesRoundDown()
    {
        final DifferentialPair both = new DifferentialPair();
        both.check(both.gen.fees(ProductKind.DATA, 10, 25));
        both.check(limit(both, SUP, DATA, "s1", Side.SELL, TimeInForce.DAY, 9_995, 20));
        final List<Ev> events = both.check(limit(both, BUY, DATA, "b1", Side.BUY, TimeInForce.DAY, 9_995, 20));
        final Ev.Trade trade = (Ev.Trade)events.get(1);
        assertEquals(499, trade.buyFeeFen());
        assertEquals(199, trade.sellFeeFen());
    }

    /** Cancel and replace may name the order by exchange orderId alone; when both are given they must agree. */
    @Test
    void cancelAndReplaceByOrderId()
    {
        final DifferentialPair both = new DifferentialPair();
        both.check(limit(both, SUP, DATA, "s1", Side.SELL, TimeInForce.DAY, 10_000, 20));
        both.check(limit(both, SUP, DATA, "s2", Side.SELL, TimeInForce.DAY, 10_000, 20));
        assertEquals(MessageType.ORDER_REPLACED,
            ((Ev.Order)both.check(both.gen.replaceOrder(SUP, "s1b", "s1", CommandGenerator.SETUP_ORDERS + 1, 10_000, 10, "")).get(0)).type());
        final Ev.Rejected mismatch = (Ev.Rejected)both.check(both.gen.cancelOrder(SUP, "x1", "s2", CommandGenerator.SETUP_ORDERS + 1)).get(0);
        assertEquals(RejectReason.UNKNOWN_ORDER.code(), mismatch.reason());
        assertEquals(MessageType.ORDER_CANCELLED, ((Ev.Order)both.check(both.gen.cancelOrder(SUP, "x2", "", CommandGenerator.SETUP_ORDERS + 2)).get(0)).type());
        final Ev.Rejected notOwner = (Ev.Rejected)both.check(both.gen.cancelOrder(BRK, "x3", "", CommandGenerator.SETUP_ORDERS + 1)).get(0);
        assertEquals(RejectReason.UNKNOWN_ORDER.code(), notOwner.reason());
    }

    /** Replace checks price before the clOrdId: off tick and a live clOrdId is PRICE_NOT_ON_TICK. */
    @Test
    void replaceChecksPriceBeforeClOrdId()
    {
        final DifferentialPair both = new DifferentialPair();
        both.check(limit(both, SUP, DATA, "s1", Side.SELL, TimeInForce.DAY, 10_000, 20));
        both.check(limit(both, SUP, ALGO, "s2", Side.SELL, TimeInForce.DAY, 2_000, 100));
        final Ev.Rejected r = (Ev.Rejected)both.check(both.gen.replaceOrder(SUP, "s2", "s1", 0, 10_001, 20, "")).get(0);
        assertEquals(RejectReason.PRICE_NOT_ON_TICK.code(), r.reason());
    }

    /**
     * A market buy trades only up to the band's upper edge on arrival (what it reserved at), so an
     * older ask above a band that has moved down does not make it overdraw its cash.
     */
    @Test
    void marketBuyStopsAtTheUpperEdgeItReservedAt()
    {
        final DifferentialPair both = new DifferentialPair();
        both.check(limit(both, SUP, DATA, "s1", Side.SELL, TimeInForce.GTC, 10_500, 100)); // upper edge of 10 000
        both.check(limit(both, BRK, DATA, "k1", Side.BUY, TimeInForce.GTC, 9_500, 10));
        both.check(limit(both, SUP, DATA, "s2", Side.SELL, TimeInForce.IOC, 9_500, 10)); // reference 9 500
        both.check(both.gen.cashOf(MessageType.WITHDRAW, BUY, 50_000_000L - 1_040_000L));
        final List<Ev> events = both.check(both.gen.order(BUY, DATA, "m1", Side.BUY, OrdType.MARKET,
            TimeInForce.IOC, false, SelfTradePrevention.CANCEL_NEWEST, 0, 100));
        assertEquals(2, events.size(), events::toString); // accepted, market_remainder: 10 500 > 9 975
        final Ev.Cash cash = (Ev.Cash)both.check(both.gen.cashOf(MessageType.DEPOSIT, BUY, 1)).get(0);
        assertTrue(cash.availableFen() >= 0, "available " + cash.availableFen());
    }

    /** More price levels on one side than a book side starts with (MatcherContext.bookLevelsInitial, 64), then a sweep. */
    @Test
    void manyPriceLevelsThenOneSweep()
    {
        final DifferentialPair both = new DifferentialPair();
        for (int i = 0; i < 150; i++)
        {
            // interleaved so that levels are inserted in the middle as well as at the ends
            final long price = 2_000 + (i % 2 == 0 ? i : 300 - i);
            both.check(limit(both, SUP, ALGO, "s" + i, Side.SELL, TimeInForce.GTC, price, 100));
            both.check(limit(both, BRK, ALGO, "b" + i, Side.BUY, TimeInForce.GTC, price - 400, 100));
        }
        final List<Ev> sweep = both.check(limit(both, BUY, ALGO, "x", Side.BUY, TimeInForce.IOC, 2_300, 15_000));
        assertEquals(1 + 150 * 2, sweep.size(), () -> sweep.subList(0, 3).toString()); // a trade and a grant each
        final List<Ev> sell = both.check(both.gen.order(SUP, ALGO, "y", Side.SELL, OrdType.MARKET, TimeInForce.IOC,
            false, SelfTradePrevention.CANCEL_NEWEST, 0, 15_000)); // no band on ALGO-B: no floor
        assertEquals(1 + 150 * 2, sell.size(), () -> sell.subList(0, 3).toString());
    }

    /** clOrdId of 1..24 printable characters (the whole field); the same clOrdId again while live is a duplicate. */
    @Test
    void clOrdIdUpToTheWholeField()
    {
        final DifferentialPair both = new DifferentialPair();
        final String longest = "ABCDEFGHIJKLMNOPQRSTUVW~"; // 24
        assertEquals(MessageType.ORDER_ACCEPTED,
            ((Ev.Order)both.check(limit(both, SUP, DATA, longest, Side.SELL, TimeInForce.DAY, 10_000, 10)).get(0)).type());
        assertEquals(MessageType.ORDER_ACCEPTED,
            ((Ev.Order)both.check(limit(both, SUP, DATA, "!", Side.SELL, TimeInForce.DAY, 10_000, 10)).get(0)).type());
        final Ev.Rejected dup = (Ev.Rejected)both.check(limit(both, SUP, DATA, longest, Side.SELL, TimeInForce.DAY,
            10_000, 10)).get(0);
        assertEquals(RejectReason.DUPLICATE_CLORDID.code(), dup.reason());
        // the same clOrdId is free again once the order is gone, and other participants' clOrdIds never clash
        both.check(both.gen.cancelOrder(SUP, "c1", longest, 0));
        both.check(limit(both, SUP, DATA, longest, Side.SELL, TimeInForce.DAY, 10_000, 10));
        both.check(limit(both, BRK, DATA, longest, Side.SELL, TimeInForce.DAY, 10_000, 10));
    }

    /** Participants up to the configured maximum, then CAPACITY_LIMIT; an update of an existing one still works. */
    @Test
    void participantCapacity()
    {
        final DifferentialPair both = new DifferentialPair();
        int registered = both.model.participantIds().size();
        for (int i = 0; registered + i <= CommandGenerator.PARTICIPANTS_MAX; i++)
        {
            final List<Ev> events = both.check(both.gen.participantOf("X" + i, Role.BUYER,
                ParticipantStatus.ADMITTED));
            if (registered + i == CommandGenerator.PARTICIPANTS_MAX)
            {
                assertEquals(RejectReason.CAPACITY_LIMIT.code(), ((Ev.Rejected)events.get(0)).reason());
            }
        }
        both.check(both.gen.participantOf("X0", Role.DATA_BROKER,
            ParticipantStatus.ADMITTED));
    }

    /** Deposit limits: an amount above the maximum, and a balance that would pass it. */
    @Test
    void depositLimits()
    {
        final DifferentialPair both = new DifferentialPair();
        final long max = ReferenceExchange.AMOUNT_MAX_FEN;
        both.check(both.gen.cashOf(MessageType.DEPOSIT, BUY, max + 1)); // INVALID_AMOUNT
        both.check(both.gen.cashOf(MessageType.DEPOSIT, BUY, max - 10)); // OVERFLOW: BUY1 holds 50 000 000
        both.check(both.gen.cashOf(MessageType.DEPOSIT, BRK, max - 80_000_000L)); // exactly the maximum
        both.check(both.gen.cashOf(MessageType.WITHDRAW, BRK, max)); // all of it
        both.check(both.gen.cashOf(MessageType.WITHDRAW, BRK, 1)); // INSUFFICIENT_FUNDS
        both.check(both.gen.cashOf(MessageType.DEPOSIT, BRK, -5)); // INVALID_AMOUNT
    }

    /** Only a compute provider registers capacity: a compute broker owns no machines. */
    @Test
    void computeBrokerMayNotRegisterCapacity()
    {
        final DifferentialPair both = new DifferentialPair();
        final Ev.Rejected r = (Ev.Rejected)both.check(both.gen.capacityOf(BRK, GPU, "k", 2)).get(0);
        assertEquals(RejectReason.ROLE_NOT_PERMITTED.code(), r.reason());
    }
}
