package io.databourse.matcher;

import static io.databourse.matcher.Scenario.buy;
import static io.databourse.matcher.Scenario.describe;
import static io.databourse.matcher.Scenario.ofType;
import static io.databourse.matcher.Scenario.order;
import static io.databourse.matcher.Scenario.sell;
import static io.databourse.matcher.Scenario.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.json.JsonCommandParser;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Call auctions in the matcher (docs/matching-rules.md, Call auctions): the phase, what it refuses,
 * the indicative price, the uncross through the one trade step, its triggers, and its state in
 * snapshots. The uncross against the reference model: {@code reference.AuctionDifferentialTest}.
 */
class CallAuctionTest
{
    static final String START = "{\"type\":\"auction\",\"product\":\"DATA.A\",\"action\":\"start\",\"by\":\"ADMIN\"}";
    static final String END = "{\"type\":\"auction\",\"product\":\"DATA.A\",\"action\":\"end\",\"by\":\"ADMIN\"}";

    private static String market(final String participant, final String clOrdId, final String side, final long qty)
    {
        return order(participant, clOrdId, "DATA.A", side, null, qty, "\"tif\":\"day\"");
    }

    @Test
    void anAuctionCollectsCrossingOrdersTradesNothingAndPublishesTheIndicativePriceWhenItChanges()
    {
        final Scenario s = Scenario.standard();
        final List<JsonNode> started = s.run(START);
        assertEquals(List.of("auction_started"), types(started));
        assertEquals("admin", started.get(0).get("cause").asText());
        assertEquals(List.of("accepted"), types(s.run(buy("P1", "b1", "12.50", 10))), "no sell: no price yet");
        final List<JsonNode> crossed = s.run(sell("P2", "s1", "11.50", 6));
        assertEquals(List.of("accepted", "auction_indicative"), types(crossed), describe(crossed));
        // candidates 11.50 and 12.50 both execute 6 with a buy surplus of 4: market pressure takes the highest
        assertEquals("12.50", crossed.get(1).get("price").asText());
        assertEquals(6, crossed.get(1).get("volume").asLong());
        assertEquals(4, crossed.get(1).get("surplus").asLong());
        assertEquals("pressure", crossed.get(1).get("rule").asText());
        // an order that changes neither price nor volume publishes nothing
        assertEquals(List.of("accepted"), types(s.run(buy("P1", "b2", "10.00", 5))));
        final List<JsonNode> more = s.run(sell("P2", "s2", "12.00", 4));
        assertEquals(List.of("accepted", "auction_indicative"), types(more), describe(more));
        assertEquals(10, more.get(1).get("volume").asLong());
        assertEquals(2, s.matcher.state.products[0].bids.size(), "crossing orders rest on the book");
        assertEquals(4, s.matcher.liveOrderCount(), "nothing traded: every order is live");
        assertTrue(s.matcher.isCashConserved());
    }

    @Test
    void iocFokAndPostOnlyAreRefusedDuringAnAuctionAndChangeNothing()
    {
        final Scenario s = Scenario.standard();
        s.run(START, buy("P1", "b1", "12.50", 10), sell("P2", "s1", "11.50", 6));
        final List<String> before = StateDump.of(s.matcher);
        assertEquals("NOT_ALLOWED_IN_AUCTION",
            s.rejectReason(order("P2", "x1", "DATA.A", "sell", "11.00", 1, "\"tif\":\"ioc\"")));
        assertEquals("NOT_ALLOWED_IN_AUCTION",
            s.rejectReason(order("P2", "x2", "DATA.A", "sell", "11.00", 1, "\"tif\":\"fok\"")));
        assertEquals("NOT_ALLOWED_IN_AUCTION",
            s.rejectReason(order("P1", "x3", "DATA.A", "buy", "10.00", 1, "\"postOnly\":true")));
        assertEquals(null, StateDump.firstDifference(withoutClock(before), withoutClock(StateDump.of(s.matcher))),
            "a refused command changes nothing");
    }

    private static List<String> withoutClock(final List<String> dump)
    {
        return dump.stream().filter(l -> !l.startsWith("state.lastSeq") && !l.startsWith("state.timeNs")).toList();
    }

    @Test
    void theUncrossFillsAtOnePriceInPriceTimePriorityAndTheRestStaysForContinuousTrading()
    {
        final Scenario s = Scenario.standard();
        s.run(START,
            buy("P1", "b1", "12.50", 10),     // best bid
            buy("P1", "b2", "12.00", 10),     // at the uncross price: fills after b1
            sell("P2", "s1", "11.50", 6),
            sell("P2", "s2", "12.00", 8),
            sell("P2", "s3", "12.40", 5));    // above the price: stays
        final long[] cashBefore = {s.matcher.cashAvailableFen("P1") + s.matcher.cashReservedFen("P1"),
            s.matcher.cashAvailableFen("P2") + s.matcher.cashReservedFen("P2")};
        final List<JsonNode> ev = s.run(END);
        assertEquals("auction_uncrossed", ev.get(0).get("type").asText(), describe(ev));
        assertEquals("admin", ev.get(0).get("cause").asText());
        // 12.00: demand 20, supply 14 -> 14 (12.40: demand 10, supply 19 -> 10; 11.50: 20 vs 6)
        assertEquals("12.00", ev.get(0).get("price").asText());
        assertEquals(14, ev.get(0).get("volume").asLong());
        final List<JsonNode> trades = ofType(ev, "trade");
        assertEquals(List.of("b1/s1/6", "b1/s2/4", "b2/s2/4"), trades.stream().map(t -> t.get("buyClOrdId").asText() +
            "/" + t.get("sellClOrdId").asText() + "/" + t.get("qty").asLong()).toList(), describe(ev));
        assertTrue(trades.stream().allMatch(t -> t.get("price").asText().equals("12.00") &&
            t.get("aggressor").asText().equals("none")));
        assertEquals(14, s.matcher.boughtQty("P1", "DATA.A") - 100, "the units reach the buyer");
        // P1 paid 14 x 12.00, P2 received it: cash moved, none created
        assertEquals(cashBefore[0] - 16_800, s.matcher.cashAvailableFen("P1") + s.matcher.cashReservedFen("P1"));
        assertEquals(cashBefore[1] + 16_800, s.matcher.cashAvailableFen("P2") + s.matcher.cashReservedFen("P2"));
        assertTrue(s.matcher.isCashConserved());
        // nothing lost: b2's 6 and s3's 5 rest, uncrossed; continuous trading takes the next order at once
        assertEquals(2, s.matcher.liveOrderCount());
        assertEquals(6 * 1200, s.matcher.cashReservedFen("P1"), "b2's remaining 6 at 12.00 stay reserved");
        assertTrue(s.matcher.checkBook(s.matcher.state.products[0]));
        final List<JsonNode> next = s.run(sell("P2", "s4", "12.00", 1));
        assertEquals(List.of("accepted", "trade"), types(next).subList(0, 2), describe(next));
        assertEquals("sell", next.get(1).get("aggressor").asText());
        assertEquals("AUCTION_NOT_RUNNING", s.rejectReason(END));
    }

    @Test
    void marketOrdersQueueFillFirstAtTheUncrossPriceAndTheirRemainderIsCancelled()
    {
        final Scenario s = Scenario.standard();
        s.run(START,
            buy("P1", "b1", "12.20", 5),
            market("P1", "mb", "buy", 4),
            sell("P2", "s1", "11.90", 3),
            market("P2", "ms", "sell", 10));
        // market orders are replaced by nobody: they have no price
        assertEquals("NOT_ALLOWED_IN_AUCTION", s.rejectReason("{\"type\":\"replace\",\"participant\":\"P1\"," +
            "\"clOrdId\":\"mb2\",\"origClOrdId\":\"mb\",\"price\":\"12.00\",\"qty\":4}"));
        final List<JsonNode> ev = s.run(END);
        // 11.90: demand 9, supply 13 -> 9; 12.20: 9 vs 13 -> 9; both a sell surplus of 4: the lowest
        assertEquals("11.90", ev.get(0).get("price").asText(), describe(ev));
        assertEquals(9, ev.get(0).get("volume").asLong());
        final List<JsonNode> trades = ofType(ev, "trade");
        assertEquals(List.of("mb/ms/4", "b1/ms/5"), trades.stream().map(t -> t.get("buyClOrdId").asText() +
            "/" + t.get("sellClOrdId").asText() + "/" + t.get("qty").asLong()).toList(), describe(ev));
        final List<JsonNode> cancelled = ofType(ev, "cancelled");
        assertEquals(1, cancelled.size(), describe(ev));
        assertEquals("ms", cancelled.get(0).get("clOrdId").asText());
        assertEquals("market_remainder", cancelled.get(0).get("reason").asText());
        assertEquals(0, s.matcher.cashReservedFen("P1"), "the market buy's reservation is all released");
        assertEquals(1, s.matcher.liveOrderCount(), "s1 rests, unfilled above nothing");
        assertTrue(s.matcher.isCashConserved());
    }

    @Test
    void theFirstCommandStampedAtOrAfterTheEndTimeUncrossesBeforeItRuns()
    {
        final Scenario s = Scenario.standard();
        s.run("{\"type\":\"auction\",\"product\":\"DATA.A\",\"action\":\"start\",\"endsAt\":\"2026-03-01T10:05:00Z\"," +
            "\"by\":\"ADMIN\",\"time\":\"2026-03-01T10:00:00Z\"}");
        s.run("{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"b1\",\"product\":\"DATA.A\",\"side\":\"buy\"," +
            "\"price\":\"12.10\",\"qty\":3,\"time\":\"2026-03-01T10:04:59Z\"}");
        final List<JsonNode> before = s.run("{\"type\":\"new\",\"participant\":\"P2\",\"clOrdId\":\"s1\"," +
            "\"product\":\"DATA.A\",\"side\":\"sell\",\"price\":\"12.00\",\"qty\":5,\"time\":\"2026-03-01T10:04:59.999Z\"}");
        assertTrue(ofType(before, "trade").isEmpty(), "still collecting just before the end");
        final List<JsonNode> ev = s.run("{\"type\":\"deposit\",\"participant\":\"P1\",\"amount\":\"1.00\"," +
            "\"time\":\"2026-03-01T10:05:00Z\"}");
        assertEquals(List.of("auction_uncrossed", "trade", "entitlement_granted", "deposited"), types(ev), describe(ev));
        assertEquals("end_time", ev.get(0).get("cause").asText());
        assertEquals("12.00", ev.get(0).get("price").asText(), "surplus of sellers: the lowest of 12.00 and 12.10");
        assertEquals("INVALID_AUCTION", s.rejectReason("{\"type\":\"auction\",\"product\":\"DATA.A\"," +
            "\"action\":\"start\",\"endsAt\":\"2026-03-01T10:04:00Z\",\"by\":\"ADMIN\"}"));
    }

    @Test
    void resumingASuspendedProductOpensAnAuctionAndSuspendingEndsOneWithoutAnUncross()
    {
        final Scenario s = Scenario.standard();
        s.run(START, buy("P1", "b1", "12.50", 2), market("P1", "mb", "buy", 1), sell("P2", "s1", "11.50", 1));
        final List<JsonNode> halted = s.run(
            "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"suspended\",\"by\":\"REG\"}");
        assertEquals(List.of("product_status_changed", "cancelled", "cancelled", "cancelled", "auction_uncrossed"),
            types(halted), describe(halted));
        assertEquals("halted", halted.get(4).get("cause").asText());
        assertTrue(halted.get(4).get("price").isNull());
        assertEquals(0, s.matcher.cashReservedFen("P1"));
        final List<JsonNode> resumed = s.run(
            "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"listed\",\"by\":\"REG\"}");
        assertEquals(List.of("product_status_changed", "auction_started"), types(resumed), describe(resumed));
        assertEquals("resume", resumed.get(1).get("cause").asText());
        s.run(buy("P1", "b2", "12.50", 2));
        assertTrue(ofType(s.run(sell("P2", "s2", "11.50", 1)), "trade").isEmpty(), "collected, not traded");
        assertEquals("12.50", ofType(s.run(END), "trade").get(0).get("price").asText());
    }

    @Test
    void listingOpensAnAuctionForDataUnlessTheProductSaysOtherwise()
    {
        final Scenario s = Scenario.standard();
        final List<JsonNode> off = s.run(
            "{\"type\":\"product\",\"id\":\"NOAUC\",\"kind\":\"data\",\"sponsor\":\"SPON\",\"by\":\"P2\",\"openingAuction\":false}",
            "{\"type\":\"review\",\"id\":\"r1\",\"product\":\"NOAUC\",\"by\":\"COMP\",\"decision\":\"approve\"}",
            "{\"type\":\"sponsor\",\"id\":\"c1\",\"product\":\"NOAUC\",\"by\":\"SPON\"}",
            "{\"type\":\"product_status\",\"product\":\"NOAUC\",\"status\":\"listed\",\"by\":\"ADMIN\"}");
        assertTrue(ofType(off, "auction_started").isEmpty(), describe(off));
        assertEquals(false, off.get(0).get("openingAuction").asBoolean());
        // an operator's load opens with one only when it says so
        final List<JsonNode> on = s.run("{\"type\":\"product\",\"id\":\"AUC\",\"kind\":\"data\",\"tick\":\"0.01\"," +
            "\"band\":\"0.20\",\"referencePrice\":\"5.00\",\"owner\":\"P2\",\"sponsor\":\"SPON\",\"reviewedBy\":\"COMP\"," +
            "\"status\":\"listed\",\"openingAuction\":true}");
        assertEquals(List.of("product_registered", "auction_started"), types(on), describe(on));
        assertEquals("listing", on.get(1).get("cause").asText());
        final List<JsonNode> compute = s.run("{\"type\":\"product\",\"id\":\"CPU.X\",\"kind\":\"compute\"," +
            "\"hardware\":\"H100\",\"region\":\"GY1\",\"windowStart\":\"2026-12-02T00:00:00Z\"," +
            "\"windowEnd\":\"2026-12-02T02:00:00Z\",\"reviewedBy\":\"COMP\",\"status\":\"listed\",\"openingAuction\":true}");
        assertEquals(List.of("product_registered", "auction_started"), types(compute), "compute windows may open with one");
    }

    @Test
    void cancelsAndReplacesWorkAsUsualAndMoveTheIndicativePrice()
    {
        final Scenario s = Scenario.standard();
        s.run(START, buy("P1", "b1", "12.50", 10), sell("P2", "s1", "11.50", 10));
        final List<JsonNode> replaced = s.run("{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"b1x\"," +
            "\"origClOrdId\":\"b1\",\"price\":\"12.50\",\"qty\":4}");
        assertEquals(List.of("replaced", "auction_indicative"), types(replaced), describe(replaced));
        assertEquals(4, replaced.get(1).get("volume").asLong());
        final List<JsonNode> cancelled = s.run("{\"type\":\"cancel\",\"participant\":\"P2\",\"clOrdId\":\"c1\"," +
            "\"origClOrdId\":\"s1\"}");
        assertEquals(List.of("cancelled", "auction_indicative"), types(cancelled), describe(cancelled));
        assertTrue(cancelled.get(1).get("price").isNull(), "nothing crosses: no price");
        assertTrue(s.matcher.isCashConserved());
    }

    @Test
    void selfTradePreventionActsOnEntrySoTheUncrossNeverPairsOneOwner()
    {
        final Scenario s = Scenario.standard();
        s.run(START, buy("P1", "b1", "12.50", 10));
        // P1 holds 100 DATA.A (the operate right): its crossing sell meets its own buy, the newest is cancelled
        final List<JsonNode> ev = s.run(sell("P1", "s1", "12.00", 5));
        assertEquals(List.of("accepted", "cancelled"), types(ev), describe(ev));
        assertEquals("self_trade_prevented", ev.get(1).get("reason").asText());
        assertEquals(100, s.matcher.sellableQty("P1", "DATA.A"), "the sell's reservation is released");
    }

    @Test
    void onlyAnAdminRunsAuctionsAndABadRequestIsNamed()
    {
        final Scenario s = Scenario.standard();
        assertEquals("NOT_AUTHORIZED", s.rejectReason(
            "{\"type\":\"auction\",\"product\":\"DATA.A\",\"action\":\"start\",\"by\":\"P1\"}"));
        assertEquals("UNKNOWN_PRODUCT", s.rejectReason(
            "{\"type\":\"auction\",\"product\":\"NOPE\",\"action\":\"start\",\"by\":\"ADMIN\"}"));
        assertEquals("AUCTION_NOT_RUNNING", s.rejectReason(END));
        s.run("{\"type\":\"product\",\"id\":\"NEW\",\"kind\":\"data\",\"sponsor\":\"SPON\",\"by\":\"P2\"}");
        assertEquals("PRODUCT_NOT_LISTED", s.rejectReason(
            "{\"type\":\"auction\",\"product\":\"NEW\",\"action\":\"start\",\"by\":\"ADMIN\"}"));
        assertEquals("INVALID_AUCTION", s.rejectReason(
            "{\"type\":\"auction\",\"product\":\"DATA.A\",\"action\":\"start\",\"endsAt\":\"2026-03-01T09:00:00Z\",\"by\":\"ADMIN\"}"));
    }

    /** A snapshot taken mid-auction (market orders queued, an indicative published) restores to replay's state. */
    @Test
    void aSnapshotMidAuctionRestoresToTheStateReplayReaches() throws Exception
    {
        final List<String> lines = new ArrayList<>(Arrays.asList(Scenario.STANDARD));
        lines.addAll(List.of(
            "{\"type\":\"auction\",\"product\":\"DATA.A\",\"action\":\"start\",\"endsAt\":\"2026-03-01T11:00:00Z\",\"by\":\"ADMIN\"}",
            buy("P1", "b1", "12.50", 10), market("P1", "mb", "buy", 4), sell("P2", "s1", "11.50", 6),
            market("P2", "ms", "sell", 3), buy("P1", "b2", "12.00", 7)));
        final int cut = lines.size();
        lines.addAll(List.of(sell("P2", "s2", "12.10", 9),
            "{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"c1\",\"origClOrdId\":\"b2\"}",
            buy("P1", "b3", "12.20", 2),
            "{\"type\":\"deposit\",\"participant\":\"P1\",\"amount\":\"1.00\",\"time\":\"2026-03-01T11:00:00Z\"}",
            sell("P2", "s3", "12.50", 1)));
        final MatcherContext ctx = new MatcherContext().ordersMax(1024).levelsMax(256).conclude();
        final List<byte[]> commands = encode(lines);
        final Matcher replayed = new Matcher(ctx);
        for (int i = 0; i < cut; i++)
        {
            apply(replayed, i, commands.get(i));
        }
        assertTrue(replayed.state.products[0].inAuction && replayed.state.products[0].auction.hasMarketOrders());
        final byte[][] hash = new byte[1][];
        final byte[] snapshot = SnapshotReplayTest.snapshot(replayed, hash);
        final Matcher restored = SnapshotReplayTest.restore(ctx, snapshot, hash[0]);
        assertEquals(null, StateDump.firstDifference(StateDump.of(replayed), StateDump.of(restored)));
        int trades = 0;
        for (int i = cut; i < commands.size(); i++)
        {
            final byte[] expected = apply(replayed, i, commands.get(i));
            assertArrayEquals(expected, apply(restored, i, commands.get(i)), "events of command " + i);
            trades += count(replayed, io.databourse.journal.schema.MessageType.TRADE);
        }
        assertTrue(trades >= 3, "the uncross traded after the restore: " + trades);
        assertEquals(null, StateDump.firstDifference(StateDump.of(replayed), StateDump.of(restored)));
        assertArrayEquals(new MatcherSnapshot().hash(replayed), new MatcherSnapshot().hash(restored));
    }

    private static List<byte[]> encode(final List<String> lines) throws Exception
    {
        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final List<byte[]> out = new ArrayList<>();
        for (final String line : lines)
        {
            final int length = parser.parse(line, buffer);
            final byte[] bytes = new byte[length + 8];
            buffer.getBytes(0, bytes, 8, length);
            new UnsafeBuffer(bytes).putLong(0, parser.hasTime() ? parser.timeNs() : Long.MIN_VALUE);
            out.add(bytes);
        }
        return out;
    }

    /** Applies a command (its time, or the previous one's, in the first 8 bytes); returns its events. */
    private static byte[] apply(final Matcher m, final int i, final byte[] timedCommand)
    {
        final long t = new UnsafeBuffer(timedCommand).getLong(0);
        final long timeNs = t == Long.MIN_VALUE ? Math.max(Scenario.T0_NS, m.lastTimeNs()) : t;
        m.apply(i + 1, timeNs, new UnsafeBuffer(timedCommand), 8, timedCommand.length - 8);
        final byte[] events = new byte[m.eventsLength()];
        m.eventBuffer().getBytes(0, events);
        return events;
    }

    private static int count(final Matcher m, final int type)
    {
        int n = 0;
        int offset = 0;
        while (offset < m.eventsLength())
        {
            if (io.databourse.journal.schema.RecordHeader.typeAt(m.eventBuffer(), offset) == type)
            {
                n++;
            }
            offset += io.databourse.journal.schema.RecordHeader.lengthAt(m.eventBuffer(), offset);
        }
        return n;
    }

    /**
     * The one way one owner's orders can meet in an uncross: a participant joins another's group during
     * the auction. The newer order of the pair is cancelled, and what is left uncrosses at its own price.
     */
    @Test
    void aGroupFormedDuringTheAuctionCancelsTheNewerOrderOfItsPairAndTheRestUncrossesAgain()
    {
        final Scenario s = Scenario.standard();
        s.run("{\"type\":\"participant\",\"id\":\"B3\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B3\",\"amount\":\"1000.00\"}",
            START,
            sell("P2", "s1", "11.50", 8),
            buy("P1", "b1", "12.50", 10),
            buy("B3", "b2", "12.00", 5),
            "{\"type\":\"participant\",\"id\":\"P1\",\"roles\":[\"buyer\",\"data_supplier\"],\"qualification\":\"important\"," +
                "\"group\":\"HOLD\",\"by\":\"ADMIN\"}",
            "{\"type\":\"participant\",\"id\":\"P2\",\"roles\":[\"data_supplier\",\"buyer\"],\"group\":\"HOLD\",\"by\":\"ADMIN\"}");
        final List<JsonNode> ev = s.run(END);
        assertEquals(List.of("auction_uncrossed", "cancelled", "auction_uncrossed", "trade", "entitlement_granted"),
            types(ev), describe(ev));
        assertEquals("12.50", ev.get(0).get("price").asText());
        assertEquals("b1", ev.get(1).get("clOrdId").asText(), "the newer of the pair");
        assertEquals("self_trade_prevented", ev.get(1).get("reason").asText());
        assertEquals("11.50", ev.get(2).get("price").asText(), "what is left, at its own price");
        assertEquals("b2", ev.get(3).get("buyClOrdId").asText());
        assertEquals(5, ev.get(3).get("qty").asLong());
        assertTrue(s.matcher.checkBook(s.matcher.state.products[0]), "continuous trading starts uncrossed");
        assertEquals(0, s.matcher.cashReservedFen("P1"));
        assertTrue(s.matcher.isCashConserved());
    }
}
