package io.databourse.matcher.reference;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static io.databourse.matcher.reference.CommandGenerator.BRK;
import static io.databourse.matcher.reference.CommandGenerator.BUY;
import static io.databourse.matcher.reference.CommandGenerator.DATA;
import static io.databourse.matcher.reference.CommandGenerator.SUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reference model on its own (no matcher): hand-worked scenarios of docs/matching-rules.md,
 * and the model's invariants plus generator coverage over many generated sequences.
 */
class ReferenceExchangeTest
{
    private ReferenceExchange model;
    private CommandGenerator gen;

    @BeforeEach
    void setUp()
    {
        model = new ReferenceExchange(CommandGenerator.PARTICIPANTS_MAX, CommandGenerator.PRODUCTS_MAX,
            CommandGenerator.ORDERS_MAX);
        gen = new CommandGenerator(1);
        for (final CommandGenerator.Command c : gen.setup())
        {
            apply(c); // the setup includes deliberate rejects (see CommandGenerator.referenceDataLifecycle)
        }
    }

    /** The exchange id of the n-th order a test enters (after the setup's). */
    private static long id(final long n)
    {
        return CommandGenerator.SETUP_ORDERS + n;
    }

    private List<Ev> apply(final CommandGenerator.Command c)
    {
        final List<Ev> events = model.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
        assertNull(model.checkInvariants(), c.toString());
        return events;
    }

    /** The order's trading events (the entitlements its fills grant and draw are left out: see resaleHandsOnWhatIsLeft). */
    private List<Ev> order(final String pid, final String cl, final byte side, final byte tif, final byte stp,
        final long price, final long qty)
    {
        final List<Ev> events = new java.util.ArrayList<>(
            apply(gen.order(pid, DATA, cl, side, OrdType.LIMIT, tif, false, stp, price, qty)));
        events.removeIf(e -> e instanceof Ev.Entitlement || e instanceof Ev.Drawn);
        return events;
    }

    /**
     * Hole 2 of issue 15: a fill of the owner's units grants a fresh entitlement; a reseller's hands on
     * what is left of its own, with its original expiry, never a fresh quota or term.
     */
    @Test
    void resaleHandsOnWhatIsLeft()
    {
        // BRK bought 3 000 DATA-A (300 lots, 1 unit a lot) in the setup, 2-day term from then
        final List<Ev> primary = apply(gen.order(SUP, DATA, "s1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 20));
        assertEquals(1, primary.size(), primary::toString);
        final List<Ev> fresh = apply(gen.order(BUY, DATA, "b1", Side.BUY, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 20));
        final Ev.Entitlement grant = (Ev.Entitlement)fresh.get(2);
        assertEquals(2, grant.units());
        assertEquals(-1, grant.fromParticipant());
        final List<Ev> resold = apply(gen.order(BRK, DATA, "r1", Side.SELL, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 30));
        apply(gen.order(BUY, DATA, "b2", Side.BUY, OrdType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 30)).stream()
            .filter(e -> e instanceof Ev.Entitlement).map(e -> (Ev.Entitlement)e).forEach(handedOn ->
            {
                assertEquals(model.participantIndex(BRK), handedOn.fromParticipant());
                assertEquals(3, handedOn.units());
                assertTrue(handedOn.expiryNs() < grant.expiryNs(), "the setup's expiry, earlier than a fresh one");
            });
        assertEquals(1, resold.size(), resold::toString);
    }

    @Test
    void priceTimePriorityAtRestingPriceWithMakerAndTakerFees()
    {
        apply(gen.fees(Codes.ProductKind.DATA, 10, 25));
        order(SUP, "s1", Side.SELL, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST, 10_000, 20);
        order(SUP, "s2", Side.SELL, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST, 10_000, 20);
        order(BRK, "b1", Side.SELL, TimeInForce.GTC, SelfTradePrevention.CANCEL_NEWEST, 9_995, 20);
        final List<Ev> events = order(BUY, "x1", Side.BUY, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST,
            10_005, 50);
        assertEquals(4, events.size(), events::toString);
        final Ev.Trade t1 = (Ev.Trade)events.get(1);
        final Ev.Trade t2 = (Ev.Trade)events.get(2);
        final Ev.Trade t3 = (Ev.Trade)events.get(3);
        assertEquals(List.of(id(3), id(1), id(2)), List.of(t1.sellOrderId(), t2.sellOrderId(), t3.sellOrderId()));
        assertEquals(List.of(9_995L, 10_000L, 10_000L), List.of(t1.priceFen(), t2.priceFen(), t3.priceFen()));
        assertEquals(List.of(20L, 20L, 10L), List.of(t1.qty(), t2.qty(), t3.qty()));
        assertEquals(499, t1.buyFeeFen()); // taker 25 bps of 199 900, rounded down
        assertEquals(199, t1.sellFeeFen()); // maker 10 bps of 199 900, rounded down
        assertEquals(0, t3.buyLeavesQty());
        assertEquals(10, t3.sellLeavesQty());
        assertEquals(Side.BUY, t3.aggressorSide());
    }

    @Test
    void selfTradePreventionModes()
    {
        order(BRK, "r1", Side.SELL, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST, 10_000, 10);
        List<Ev> events = order(BRK, "i1", Side.BUY, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST, 10_000, 10);
        assertEquals(CancelReason.SELF_TRADE_PREVENTED, ((Ev.Order)events.get(1)).reason());
        assertEquals(id(2), ((Ev.Order)events.get(1)).orderId()); // the incoming one
        events = order(BRK, "i2", Side.BUY, TimeInForce.DAY, SelfTradePrevention.CANCEL_OLDEST, 10_000, 10);
        assertEquals(2, events.size(), events::toString);
        assertEquals(id(1), ((Ev.Order)events.get(1)).orderId()); // the resting one; i2 rests
        events = order(BRK, "i3", Side.SELL, TimeInForce.DAY, SelfTradePrevention.CANCEL_BOTH, 10_000, 10);
        assertEquals(3, events.size(), events::toString);
        assertEquals(id(3), ((Ev.Order)events.get(1)).orderId());
        assertEquals(id(4), ((Ev.Order)events.get(2)).orderId());
        assertTrue(model.liveOrdersOf(BRK).isEmpty());
    }

    @Test
    void fokExpiresWhenTheWholeQuantityCannotTrade()
    {
        order(SUP, "s1", Side.SELL, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST, 10_000, 10);
        order(BRK, "b1", Side.SELL, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST, 10_000, 10);
        // BRK's own 10 do not count for its FOK under cancel_newest
        List<Ev> events = order(BRK, "f1", Side.BUY, TimeInForce.FOK, SelfTradePrevention.CANCEL_NEWEST, 10_000, 20);
        assertEquals(MessageType.ORDER_EXPIRED, ((Ev.Order)events.get(1)).type());
        assertEquals(CancelReason.FOK_UNFILLED, ((Ev.Order)events.get(1)).reason());
        events = order(BUY, "f2", Side.BUY, TimeInForce.FOK, SelfTradePrevention.CANCEL_NEWEST, 10_000, 20);
        assertEquals(3, events.size(), events::toString);
        assertEquals(0, ((Ev.Trade)events.get(2)).buyLeavesQty());
    }

    @Test
    void replaceQtyDownKeepsPriorityPriceChangeLosesIt()
    {
        order(SUP, "s1", Side.SELL, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST, 10_000, 40);
        order(BRK, "b1", Side.SELL, TimeInForce.DAY, SelfTradePrevention.CANCEL_NEWEST, 10_000, 40);
        List<Ev> events = apply(gen.replaceOrder(SUP, "s1b", "s1", 0, 10_000, 30, ""));
        assertTrue(((Ev.Order)events.get(0)).priorityKept(), events::toString);
        events = order(BUY, "x1", Side.BUY, TimeInForce.IOC, SelfTradePrevention.CANCEL_NEWEST, 10_000, 10);
        assertEquals(id(1), ((Ev.Trade)events.get(1)).sellOrderId(), events::toString);
        events = apply(gen.replaceOrder(SUP, "s1c", "", id(1), 10_005, 30, ""));
        assertEquals(false, ((Ev.Order)events.get(0)).priorityKept(), events::toString);
        apply(gen.replaceOrder(SUP, "s1d", "s1c", 0, 10_000, 30, ""));
        events = order(BUY, "x2", Side.BUY, TimeInForce.IOC, SelfTradePrevention.CANCEL_NEWEST, 10_000, 10);
        assertEquals(id(2), ((Ev.Trade)events.get(1)).sellOrderId(), events::toString); // BRK now first at 10 000
        events = apply(gen.replaceOrder(SUP, "s1e", "s1d", 0, 10_000, 30, ""));
        // only the clOrdId would change: a replace that changes nothing is refused
        assertEquals(RejectReason.REPLACE_NOT_ALLOWED.code(), ((Ev.Rejected)events.get(0)).reason(), events::toString);
        events = apply(gen.replaceOrder(BRK, "b1x", "b1", 0, 10_000, 10, ""));
        assertEquals(CancelReason.REPLACED_TO_FILLED, ((Ev.Order)events.get(0)).reason(), events::toString);
    }

    /** Every generated sequence keeps the model's invariants, and the generator reaches the paths that matter. */
    @Test
    void generatedSequencesKeepInvariantsAndCoverTheRules()
    {
        final TreeMap<String, Integer> coverage = new TreeMap<>();
        for (long seed = 1; seed <= 40; seed++)
        {
            final ReferenceExchange m = new ReferenceExchange(CommandGenerator.PARTICIPANTS_MAX,
                CommandGenerator.PRODUCTS_MAX, CommandGenerator.ORDERS_MAX);
            final CommandGenerator g = new CommandGenerator(seed);
            final EventLedger ledger = new EventLedger();
            final List<CommandGenerator.Command> setup = g.setup();
            for (int i = 0; i < setup.size() + 300; i++)
            {
                final CommandGenerator.Command c = i < setup.size() ? setup.get(i) : g.next(m);
                final List<Ev> events = m.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
                final String invariant = m.checkInvariants();
                final String conservation = ledger.apply(events);
                if (null != invariant || null != conservation)
                {
                    fail("seed " + seed + " command " + c + ": " + invariant + " / " + conservation + " " + events);
                }
                for (final Ev ev : events)
                {
                    coverage.merge(coverageKey(ev), 1, Integer::sum);
                }
            }
        }
        System.out.println("coverage over 40 sequences: " + coverage);
        for (final String key : List.of("trade", "accepted", "replaced", "mass_cancelled", "day_ended",
            "cancelled:user", "cancelled:ioc_remainder", "cancelled:market_remainder", "cancelled:self_trade_prevented",
            "cancelled:mass_cancel", "cancelled:replaced_to_filled", "cancelled:product_halted",
            "cancelled:participant_suspended", "expired:fok_unfilled", "expired:end_of_day",
            "rejected:UNKNOWN_PARTICIPANT", "rejected:PARTICIPANT_SUSPENDED", "rejected:ROLE_NOT_PERMITTED",
            "rejected:QUALIFICATION_TOO_LOW", "rejected:CROSS_BORDER_NOT_ALLOWED", "rejected:CORE_DATA_NOT_TRADABLE",
            "rejected:PRODUCT_NOT_LISTED", "rejected:UNKNOWN_PRODUCT", "rejected:INVALID_PRICE",
            "rejected:PRICE_NOT_ON_TICK", "rejected:PRICE_OUTSIDE_BAND", "rejected:MARKET_ORDER_NOT_PROTECTED",
            "rejected:INVALID_QUANTITY", "rejected:QTY_NOT_LOT_MULTIPLE", "rejected:OVERFLOW",
            "rejected:DUPLICATE_CLORDID", "rejected:POST_ONLY_WOULD_CROSS", "rejected:POST_ONLY_NOT_LIMIT",
            "rejected:INSUFFICIENT_FUNDS", "rejected:INSUFFICIENT_INVENTORY", "rejected:UNKNOWN_ORDER",
            "rejected:INVALID_SIDE", "rejected:INVALID_TIF", "rejected:INVALID_STP", "rejected:INVALID_ORD_TYPE",
            "rejected:INVALID_CLORDID", "rejected:INVALID_AMOUNT", "rejected:NODE_ALREADY_REGISTERED",
            "rejected:NOT_AUTHORIZED", "rejected:DELIVERY_WINDOW_STARTED", "rejected:INSUFFICIENT_CAPACITY",
            "rejected:SPONSOR_REQUIRED", "rejected:INVALID_STATUS_TRANSITION", "rejected:WRONG_PRODUCT_KIND",
            // the market rules of issue 15
            "rejected:NOT_OWNER", "rejected:OWNER_REQUIRED", "rejected:CONFLICT_OF_INTEREST",
            "rejected:COMPLIANCE_REVIEW_REQUIRED", "rejected:ALREADY_RECORDED", "rejected:RIGHTS_NOT_GRANTED",
            "rejected:ENTITLEMENT_USED_UP", "rejected:NO_ENTITLEMENT", "rejected:ENTITLEMENT_EXPIRED",
            "rejected:USAGE_EXCEEDS_QUOTA", "rejected:SANDBOX_ONLY", "cancelled:participant_requalified",
            "entitlement:primary", "entitlement:resale", "usage", "product_reviewed", "product_sponsored",
            "rejected:PURPOSE_REQUIRED", "rejected:PURPOSE_NOT_ALLOWED", "rejected:PURPOSE_MISMATCH",
            "rejected:CROSS_BORDER_APPROVAL_REQUIRED", "cross_border_filed", "cross_border_approved",
            "trade:cross_border"))
        {
            assertTrue(coverage.getOrDefault(key, 0) > 0, "never generated: " + key + " in " + coverage);
        }
    }

    static String coverageKey(final Ev ev)
    {
        if (ev instanceof Ev.Rejected r)
        {
            final RejectReason reason = RejectReason.ofCode(r.reason());
            return "rejected:" + (null == reason ? r.reason() : reason.name());
        }
        if (ev instanceof Ev.Order o && (o.type() == MessageType.ORDER_CANCELLED || o.type() == MessageType.ORDER_EXPIRED))
        {
            return MessageType.nameOf(o.type()) + ":" + Codes.nameOf(CancelReason.NAMES, o.reason());
        }
        if (ev instanceof Ev.Order o)
        {
            return MessageType.nameOf(o.type());
        }
        if (ev instanceof Ev.Trade t)
        {
            return t.crossBorderRecords() > 0 ? "trade:cross_border" : "trade";
        }
        if (ev instanceof Ev.MassCancelled)
        {
            return "mass_cancelled";
        }
        if (ev instanceof Ev.DayEnded)
        {
            return "day_ended";
        }
        if (ev instanceof Ev.Entitlement e)
        {
            return e.fromParticipant() < 0 ? "entitlement:primary" : "entitlement:resale";
        }
        if (ev instanceof Ev.Usage)
        {
            return "usage";
        }
        if (ev instanceof Ev.Compliance c)
        {
            return MessageType.nameOf(c.type());
        }
        return ev.getClass().getSimpleName();
    }
}
