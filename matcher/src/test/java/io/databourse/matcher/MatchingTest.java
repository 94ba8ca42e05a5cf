package io.databourse.matcher;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.databourse.matcher.Scenario.buy;
import static io.databourse.matcher.Scenario.describe;
import static io.databourse.matcher.Scenario.ofType;
import static io.databourse.matcher.Scenario.order;
import static io.databourse.matcher.Scenario.sell;
import static io.databourse.matcher.Scenario.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Order types, priority, self-trade prevention, replace, cancel, reservations and capacity. */
class MatchingTest
{
    private final Scenario s = Scenario.standard();

    private static JsonNode only(final List<JsonNode> events, final String type)
    {
        final List<JsonNode> found = ofType(events, type);
        assertEquals(1, found.size(), "one " + type + " in " + describe(events));
        return found.get(0);
    }

    @Test
    void limitOrdersTradeAtTheRestingPriceInPriceTimePriority()
    {
        final Scenario t = Scenario.standard();
        t.run(sell("P2", "s1", "12.10", 3), sell("P2", "s2", "12.05", 3), sell("P1", "s3", "12.05", 3));
        t.run("{\"type\":\"participant\",\"id\":\"B\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B\",\"amount\":\"1000.00\"}");
        final List<JsonNode> trades = ofType(t.run(buy("B", "b1", "12.10", 7)), "trade");
        assertEquals(3, trades.size(), describe(trades));
        assertEquals("s2", trades.get(0).get("sellClOrdId").asText());
        assertEquals("12.05", trades.get(0).get("price").asText());
        assertEquals("s3", trades.get(1).get("sellClOrdId").asText());
        assertEquals("s1", trades.get(2).get("sellClOrdId").asText());
        assertEquals("12.10", trades.get(2).get("price").asText());
        assertEquals(1, trades.get(2).get("qty").asLong());
        assertEquals("buy", trades.get(2).get("aggressor").asText());
        assertEquals(2, trades.get(2).get("sellLeavesQty").asLong());
        // buyer paid 3*12.05 + 3*12.05 + 1*12.10 = 84.40; reservation of 7*12.10 = 84.70 fully released
        assertEquals(100_000 - 8_440, t.matcher.cashAvailableFen("B"));
        assertEquals(0, t.matcher.cashReservedFen("B"));
        assertTrue(t.matcher.isCashConserved());
    }

    /**
     * Found by the snapshot test's exhaustive state comparison: a resting order filled whole left its
     * fill in its level's open quantity, so the total drifted above the sum of the orders on it.
     */
    @Test
    void aLevelsOpenQuantityIsTheSumOfItsOrdersAfterPartialAndWholeFills()
    {
        final Scenario t = Scenario.standard();
        t.run(sell("P2", "s1", "12.00", 3), sell("P2", "s2", "12.00", 4), sell("P2", "s3", "12.00", 5));
        t.run(buy("P1", "b1", "12.00", 5)); // s1 filled whole, s2 in part
        final io.databourse.matcher.ref.Product product = t.matcher.state.products[t.matcher.productIndexOf("DATA.A")];
        final int level = product.asks.bestLevel();
        assertEquals(2, t.matcher.state.levels.count(level));
        assertEquals(2 + 5, t.matcher.state.levels.totalQty(level), "s2's 2 left and s3's 5");
    }

    @Test
    void issueExampleRunsAsDocumented()
    {
        final List<JsonNode> ev = s.run(
            buy("P1", "a1", "12.34", 10),
            order("P2", "s1", "DATA.A", "sell", "12.40", 5, "\"tif\":\"gtc\",\"postOnly\":true"),
            order("P2", "s2", "DATA.A", "sell", null, 5, "\"tif\":\"ioc\""),
            "{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"a2\",\"origClOrdId\":\"a1\"}",
            "{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"a3\",\"origClOrdId\":\"a1\",\"price\":\"12.35\",\"qty\":8}");
        assertEquals(List.of("accepted", "accepted", "accepted", "trade", "entitlement_granted", "cancelled", "rejected"),
            types(ev));
        final JsonNode trade = ev.get(3);
        assertEquals("12.34", trade.get("price").asText());
        assertEquals(5, trade.get("qty").asLong());
        assertEquals("a1", trade.get("buyClOrdId").asText());
        assertEquals("s2", trade.get("sellClOrdId").asText());
        assertEquals("P1", trade.get("buyer").asText());
        assertEquals("sell", trade.get("aggressor").asText());
        assertEquals("a2", ev.get(5).get("clOrdId").asText());
        assertEquals("a1", ev.get(5).get("origClOrdId").asText());
        assertEquals(5, ev.get(5).get("cancelledQty").asLong());
        assertEquals("UNKNOWN_ORDER", ev.get(6).get("reason").asText());
    }

    @Test
    void iocTradesWhatItCanAndCancelsTheRest()
    {
        s.run(sell("P2", "s1", "12.00", 3));
        final List<JsonNode> ev = s.run(order("P1", "b", "DATA.A", "buy", "12.00", 5, "\"tif\":\"ioc\""));
        assertEquals(List.of("accepted", "trade", "entitlement_granted", "cancelled"), types(ev));
        assertEquals("ioc_remainder", ev.get(3).get("reason").asText());
        assertEquals(2, ev.get(3).get("cancelledQty").asLong());
        assertEquals(0, s.matcher.cashReservedFen("P1"));
    }

    @Test
    void fokFillsWhollyOrNotAtAll()
    {
        s.run(sell("P2", "s1", "12.00", 3));
        final List<JsonNode> none = s.run(order("P1", "f1", "DATA.A", "buy", "12.00", 4, "\"tif\":\"fok\""));
        assertEquals(List.of("accepted", "expired"), types(none));
        assertEquals("fok_unfilled", none.get(1).get("reason").asText());
        assertEquals(0, s.matcher.cashReservedFen("P1"));
        final List<JsonNode> all = s.run(order("P1", "f2", "DATA.A", "buy", "12.00", 3, "\"tif\":\"fok\""));
        assertEquals(List.of("accepted", "trade", "entitlement_granted"), types(all));
        assertEquals(0, s.matcher.liveOrderCount());
    }

    @Test
    void marketOrdersNeverRestAndBuysReserveAtTheBandEdge()
    {
        s.run(sell("P2", "s1", "12.00", 2));
        final List<JsonNode> ev = s.run(order("P1", "m", "DATA.A", "buy", null, 5, "\"tif\":\"day\""));
        assertEquals(List.of("accepted", "trade", "entitlement_granted", "cancelled"), types(ev));
        assertEquals("market_remainder", ev.get(3).get("reason").asText());
        assertEquals(0, s.matcher.cashReservedFen("P1"));
        assertEquals(100_000_000 - 2_400, s.matcher.cashAvailableFen("P1"));
        // reservation at the band edge: a buyer with just enough for the fill but not the edge is refused
        s.run("{\"type\":\"participant\",\"id\":\"POOR\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"POOR\",\"amount\":\"12.00\"}", sell("P2", "s2", "12.00", 1));
        assertEquals("INSUFFICIENT_FUNDS", s.rejectReason(order("POOR", "m2", "DATA.A", "buy", null, 1, "")));
    }

    @Test
    void tradesMoveTheBand()
    {
        s.run(sell("P2", "s1", "14.40", 1), buy("P1", "b1", "14.40", 1));
        // reference is now 14.40: upper edge 17.28
        assertEquals("accepted", s.run(buy("P1", "b2", "17.28", 1)).get(0).get("type").asText());
        assertEquals("PRICE_OUTSIDE_BAND", s.rejectReason(buy("P1", "b3", "17.29", 1)));
    }

    @Test
    void postOnlyRestsWhenItDoesNotCross()
    {
        final List<JsonNode> ev = s.run(buy("P1", "p", "11.00", 1).replace("}", ",\"postOnly\":true}"));
        assertEquals(List.of("accepted"), types(ev));
        assertEquals(true, ev.get(0).get("postOnly").asBoolean());
        assertEquals(1, s.matcher.liveOrderCount());
    }

    @Test
    void selfTradePreventionCancelNewestKeepsTheRestingOrder()
    {
        s.run(sell("P1", "own", "12.00", 2));
        final List<JsonNode> ev = s.run(buy("P1", "b", "12.00", 2));
        assertEquals(List.of("accepted", "cancelled"), types(ev));
        assertEquals("self_trade_prevented", ev.get(1).get("reason").asText());
        assertEquals("b", ev.get(1).get("clOrdId").asText());
        assertEquals(1, s.matcher.liveOrderCount());
    }

    @Test
    void selfTradePreventionCancelOldestRemovesOwnOrdersAndTradesOn()
    {
        s.run(sell("P1", "own", "12.00", 2), sell("P2", "other", "12.00", 2));
        final List<JsonNode> ev = s.run(buy("P1", "b", "12.00", 2).replace("}", ",\"stp\":\"cancel_oldest\"}"));
        assertEquals(List.of("accepted", "cancelled", "trade", "entitlement_granted"), types(ev));
        assertEquals("own", ev.get(1).get("clOrdId").asText());
        assertEquals("other", ev.get(2).get("sellClOrdId").asText());
        assertEquals(0, s.matcher.liveOrderCount());
    }

    @Test
    void selfTradePreventionCancelBoth()
    {
        s.run(sell("P1", "own", "12.00", 2), sell("P2", "other", "12.00", 2));
        final List<JsonNode> ev = s.run(buy("P1", "b", "12.00", 2).replace("}", ",\"stp\":\"cancel_both\"}"));
        assertEquals(List.of("accepted", "cancelled", "cancelled"), types(ev));
        assertEquals("own", ev.get(1).get("clOrdId").asText());
        assertEquals("b", ev.get(2).get("clOrdId").asText());
        assertEquals(1, s.matcher.liveOrderCount());
    }

    @Test
    void replaceQuantityDownKeepsPriorityPriceChangeLosesIt()
    {
        s.run(sell("P2", "first", "12.00", 5), sell("P1", "second", "12.00", 5));
        final JsonNode down = only(s.run(
            "{\"type\":\"replace\",\"participant\":\"P2\",\"clOrdId\":\"first2\",\"origClOrdId\":\"first\",\"price\":\"12.00\",\"qty\":4}"),
            "replaced");
        assertTrue(down.get("priorityKept").asBoolean());
        s.run("{\"type\":\"participant\",\"id\":\"B\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B\",\"amount\":\"1000.00\"}");
        assertEquals("first2", only(s.run(buy("B", "b1", "12.00", 1)), "trade").get("sellClOrdId").asText());
        // quantity up loses priority
        final JsonNode up = only(s.run(
            "{\"type\":\"replace\",\"participant\":\"P2\",\"clOrdId\":\"first3\",\"origClOrdId\":\"first2\",\"price\":\"12.00\",\"qty\":6}"),
            "replaced");
        assertEquals(false, up.get("priorityKept").asBoolean());
        assertEquals(5, up.get("leavesQty").asLong());
        assertEquals("second", only(s.run(buy("B", "b2", "12.00", 1)), "trade").get("sellClOrdId").asText());
    }

    @Test
    void replaceThatCrossesTradesAsAnAggressor()
    {
        s.run(sell("P2", "s", "12.10", 2), buy("P1", "b", "12.00", 2));
        final List<JsonNode> ev = s.run(
            "{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"b2\",\"origClOrdId\":\"b\",\"price\":\"12.10\",\"qty\":3}");
        assertEquals(List.of("replaced", "trade", "entitlement_granted"), types(ev));
        assertEquals("b2", ev.get(1).get("buyClOrdId").asText());
        assertEquals(1, s.matcher.liveOrderCount());
        assertEquals(1210, s.matcher.cashReservedFen("P1"));
    }

    @Test
    void replaceToAPriceThatDoesNotCrossJoinsTheEndOfItsNewLevel()
    {
        s.run(sell("P2", "early", "12.05", 2), sell("P1", "moved", "12.10", 2), buy("P1", "bid", "11.90", 1));
        final List<JsonNode> ev = s.run(
            "{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"moved2\",\"origClOrdId\":\"moved\",\"price\":\"12.05\",\"qty\":2}");
        assertEquals(List.of("replaced"), types(ev));
        assertEquals(false, ev.get(0).get("priorityKept").asBoolean());
        s.run("{\"type\":\"participant\",\"id\":\"B\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B\",\"amount\":\"1000.00\"}");
        // time priority at 12.05: the order that was there first, then the one that moved in
        final List<JsonNode> trades = ofType(s.run(buy("B", "b", "12.05", 3)), "trade");
        assertEquals(2, trades.size(), describe(trades));
        assertEquals("early", trades.get(0).get("sellClOrdId").asText());
        assertEquals("moved2", trades.get(1).get("sellClOrdId").asText());
        assertEquals(1, trades.get(1).get("sellLeavesQty").asLong());
        assertEquals(2, s.matcher.liveOrderCount());
        assertTrue(s.matcher.isCashConserved());
    }

    @Test
    void oneSessionTradingForTwoFirmsKeepsTheirOrdersApart()
    {
        // every line of a scenario comes from the same session: the matcher's guess of a session's
        // participant is wrong on every change of firm, and must never decide whose order is whose
        s.run(sell("P2", "x1", "12.10", 2), sell("P1", "x1", "12.15", 3), sell("P2", "x2", "12.20", 4));
        final List<JsonNode> cancelled = s.run(
            "{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"c1\",\"origClOrdId\":\"x1\"}");
        assertEquals(List.of("cancelled"), types(cancelled));
        assertEquals("P1", cancelled.get(0).get("participant").asText());
        assertEquals(3, cancelled.get(0).get("cancelledQty").asLong());
        final List<JsonNode> replaced = s.run(
            "{\"type\":\"replace\",\"participant\":\"P2\",\"clOrdId\":\"x3\",\"origClOrdId\":\"x1\",\"price\":\"12.30\",\"qty\":2}");
        assertEquals(List.of("replaced"), types(replaced));
        assertEquals("P2", replaced.get(0).get("participant").asText());
        assertEquals(2, replaced.get(0).get("leavesQty").asLong());
        assertEquals("UNKNOWN_ORDER", s.rejectReason(
            "{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"c2\",\"origClOrdId\":\"x3\"}"));
        assertEquals(2, s.matcher.liveOrderCount());
    }

    @Test
    void replaceBelowFilledCancelsAndFailedReplaceChangesNothing()
    {
        s.run(buy("P1", "b", "12.00", 5), sell("P2", "s", "12.00", 3));
        final long reserved = s.matcher.cashReservedFen("P1");
        assertEquals("UNKNOWN_ORDER", s.rejectReason(
            "{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"x\",\"origClOrdId\":\"nope\",\"price\":\"12.00\",\"qty\":9}"));
        assertEquals("INSUFFICIENT_FUNDS", s.rejectReason(
            "{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"x\",\"origClOrdId\":\"b\",\"price\":\"12.00\",\"qty\":90000000}"));
        assertEquals(reserved, s.matcher.cashReservedFen("P1"));
        final List<JsonNode> ev = s.run(
            "{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"b2\",\"origClOrdId\":\"b\",\"price\":\"12.00\",\"qty\":3}");
        assertEquals(List.of("cancelled"), types(ev));
        assertEquals("replaced_to_filled", ev.get(0).get("reason").asText());
        assertEquals(0, s.matcher.cashReservedFen("P1"));
        assertEquals(0, s.matcher.liveOrderCount());
    }

    @Test
    void sellerCannotOversellAcrossOrdersAndCancelReleases()
    {
        s.run(sell("P2", "s1", "13.00", 300));
        assertEquals("INSUFFICIENT_INVENTORY", s.rejectReason(sell("P2", "s2", "13.00", 201)));
        s.run("{\"type\":\"cancel\",\"participant\":\"P2\",\"clOrdId\":\"c\",\"origClOrdId\":\"s1\"}");
        assertEquals(500, s.matcher.sellableQty("P2", "DATA.A"));
        assertEquals("accepted", s.run(sell("P2", "s3", "13.00", 500)).get(0).get("type").asText());
    }

    @Test
    void buyerCashIsReservedAndCannotBeSpentTwice()
    {
        s.run("{\"type\":\"participant\",\"id\":\"B\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B\",\"amount\":\"100.00\"}");
        s.run(buy("B", "b1", "12.00", 8));
        assertEquals(400, s.matcher.cashAvailableFen("B"));
        assertEquals("INSUFFICIENT_FUNDS", s.rejectReason(buy("B", "b2", "12.00", 1)));
        assertEquals("INSUFFICIENT_FUNDS", s.rejectReason(
            "{\"type\":\"withdraw\",\"participant\":\"B\",\"amount\":\"4.01\"}"));
    }

    @Test
    void computeCapacityIsReservedPerNodeHourAndMovesToTheBuyer()
    {
        // 2 nodes x 2 hours = 4 node-hours
        assertEquals(4, s.matcher.sellableQty("P3", "CPU.W"));
        s.run(order("P3", "c1", "CPU.W", "sell", "30.00", 3, "\"tif\":\"gtc\""));
        assertEquals("INSUFFICIENT_CAPACITY", s.rejectReason(order("P3", "c2", "CPU.W", "sell", "30.00", 2, "")));
        final List<JsonNode> ev = s.run(order("CB", "b", "CPU.W", "buy", "30.00", 3, ""));
        assertEquals(3, only(ev, "trade").get("qty").asLong());
        assertEquals(1, s.matcher.sellableQty("P3", "CPU.W"));
        // a compute broker may resell what it bought
        assertEquals(3, s.matcher.sellableQty("CB", "CPU.W"));
        assertEquals("accepted", s.run(order("CB", "r", "CPU.W", "sell", "31.00", 3, "")).get(0).get("type").asText());
    }

    @Test
    void plainBuyersCannotResellDataLicences()
    {
        // DATA.IMP grants no operate right: what a buyer buys there it may not sell again
        s.run(order("P2", "s", "DATA.IMP", "sell", "5.00", 10, ""), order("P1", "b", "DATA.IMP", "buy", "5.00", 10, ""));
        assertEquals(10, s.matcher.boughtQty("P1", "DATA.IMP"));
        assertEquals(0, s.matcher.sellableQty("P1", "DATA.IMP"));
        // on DATA.A, which grants operate,, the 100 units P1 bought when the market opened are sellable
        assertEquals(100, s.matcher.boughtQty("P1", "DATA.A"));
        assertEquals(100, s.matcher.sellableQty("P1", "DATA.A"));
    }

    @Test
    void massCancelCancelsOnlyTheParticipantsMatchingOrders()
    {
        s.run(buy("P1", "a", "11.00", 1), buy("P1", "b", "11.10", 1), sell("P1", "c", "13.00", 1),
            order("P1", "d", "DATA.IMP", "buy", "5.00", 10, ""), buy("P2", "theirs", "11.00", 1));
        final List<JsonNode> ev = s.run(
            "{\"type\":\"mass_cancel\",\"participant\":\"P1\",\"clOrdId\":\"mc\",\"product\":\"DATA.A\",\"side\":\"buy\"}");
        assertEquals(List.of("cancelled", "cancelled", "mass_cancelled"), types(ev));
        assertEquals("a", ev.get(0).get("origClOrdId").asText());
        assertEquals("b", ev.get(1).get("origClOrdId").asText());
        assertEquals(2, ev.get(2).get("cancelled").asInt());
        assertEquals(3, s.matcher.liveOrderCount());
        final List<JsonNode> all = s.run("{\"type\":\"mass_cancel\",\"participant\":\"P1\"}");
        assertEquals(2, ofType(all, "cancelled").size());
        assertEquals(1, s.matcher.liveOrderCount());
    }

    @Test
    void massCancelWhoseEventsOutgrowTheEventBufferReportsEveryOrder()
    {
        // 12,000 cancellations of 120 bytes each: more than the event log's initial 1 MiB
        final Scenario big = new Scenario(new MatcherContext().ordersMax(16_384).levelsMax(256).conclude());
        big.run(Scenario.STANDARD);
        final int n = 12_000;
        final String[] orders = new String[n];
        for (int i = 0; i < n; i++)
        {
            orders[i] = buy("P1", "o" + i, "11.00", 1);
        }
        big.run(orders);
        final List<JsonNode> ev = big.run("{\"type\":\"mass_cancel\",\"participant\":\"P1\",\"clOrdId\":\"mc\"}");
        assertEquals(n + 1, ev.size());
        for (int i = 0; i < n; i++)
        {
            assertEquals("cancelled", ev.get(i).get("type").asText());
            assertEquals("o" + i, ev.get(i).get("origClOrdId").asText());
        }
        assertEquals(n, ev.get(n).get("cancelled").asInt());
        assertEquals(0, big.matcher.liveOrderCount());
        assertTrue(big.matcher.isCashConserved());
    }

    @Test
    void endOfDayExpiresDayOrdersOnly()
    {
        s.run(order("P1", "day", "DATA.A", "buy", "11.00", 1, "\"tif\":\"day\""), buy("P1", "gtc", "11.00", 1));
        final List<JsonNode> ev = s.run("{\"type\":\"end_of_day\",\"by\":\"ADMIN\"}");
        assertEquals(List.of("expired", "day_ended"), types(ev));
        assertEquals("day", ev.get(0).get("clOrdId").asText());
        assertEquals("end_of_day", ev.get(0).get("reason").asText());
        assertEquals(1, s.matcher.liveOrderCount());
    }

    @Test
    void suspendingAProductCancelsItsOrdersAndStopsTrading()
    {
        s.run(buy("P1", "a", "11.00", 1), sell("P2", "b", "13.00", 1));
        final List<JsonNode> ev = s.run(
            "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"suspended\",\"by\":\"REG\"}");
        assertEquals(List.of("product_status_changed", "cancelled", "cancelled"), types(ev));
        assertEquals("product_halted", ev.get(1).get("reason").asText());
        assertEquals("PRODUCT_NOT_LISTED", s.rejectReason(buy("P1", "c", "11.00", 1)));
        s.run("{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"listed\",\"by\":\"ADMIN\"}");
        assertEquals("accepted", s.run(buy("P1", "c", "11.00", 1)).get(0).get("type").asText());
    }

    @Test
    void productLifecycleNeedsAReviewASponsorAndAnAdmin()
    {
        final List<JsonNode> ev = s.run(
            "{\"type\":\"product\",\"id\":\"NEWDATA\",\"kind\":\"data\",\"sponsor\":\"SPON\",\"by\":\"P2\"}",
            "{\"type\":\"review\",\"product\":\"NEWDATA\",\"by\":\"COMP\",\"decision\":\"approve\"}",
            "{\"type\":\"sponsor\",\"product\":\"NEWDATA\",\"by\":\"SPON\"}",
            "{\"type\":\"product_status\",\"product\":\"NEWDATA\",\"status\":\"listed\",\"by\":\"ADMIN\"}");
        assertEquals(List.of("product_registered", "product_reviewed", "product_status_changed", "product_sponsored",
            "product_status_changed", "auction_started"), types(ev));
        assertEquals("SPON", ev.get(0).get("sponsor").asText());
        assertEquals("P2", ev.get(0).get("owner").asText());
        assertEquals("compliance_reviewed", ev.get(2).get("to").asText());
        assertEquals("listed", ev.get(4).get("to").asText());
    }

    @Test
    void suspendingAParticipantCancelsItsOrders()
    {
        s.run(buy("P1", "a", "11.00", 1));
        final List<JsonNode> ev = s.run(
            "{\"type\":\"participant\",\"id\":\"P1\",\"roles\":[\"buyer\"],\"status\":\"suspended\",\"by\":\"ADMIN\"}");
        assertEquals(List.of("participant_updated", "cancelled"), types(ev));
        assertEquals("participant_suspended", ev.get(1).get("reason").asText());
        assertEquals(0, s.matcher.cashReservedFen("P1"));
    }

    @Test
    void feesAreChargedMakerAndTakerAndConserveCash()
    {
        s.run("{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":10,\"takerBps\":30}");
        s.run(sell("P2", "s", "12.00", 100));
        final JsonNode t = only(s.run(buy("P1", "b", "12.00", 100)), "trade");
        // value 1200.00: buyer (taker) pays 0.30 % = 3.60, seller (maker) 0.10 % = 1.20
        assertEquals("3.60", t.get("buyFee").asText());
        assertEquals("1.20", t.get("sellFee").asText());
        assertEquals(100_000_000 - 120_000 - 360, s.matcher.cashAvailableFen("P1"));
        assertEquals(100_000 + 120_000 - 120, s.matcher.cashAvailableFen("P2"));
        assertEquals(480, s.matcher.feeIncomeFen());
        assertTrue(s.matcher.isCashConserved());
    }

    @Test
    void malformedLinesNameTheLineAndDoNotStopTheRun()
    {
        final List<JsonNode> ev = s.run("{not json", buy("P1", "ok", "11.00", 1),
            "{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"x\",\"product\":\"DATA.A\",\"side\":\"up\",\"qty\":1}",
            buy("P1", "bad-price", "11.001", 1));
        assertEquals(List.of("error", "accepted", "error", "error"), types(ev));
        assertTrue(ev.get(2).get("error").asText().contains("side"), ev.get(2).toString());
        assertTrue(ev.get(3).get("error").asText().contains("fen"), ev.get(3).toString());
    }

    @Test
    void marketBuyNeverTradesAboveThePriceItReservedAt()
    {
        // an ask rests at the old upper edge; a trade then moves the band down below it
        s.run(sell("P2", "high", "14.40", 5), buy("P1", "b", "10.00", 1), sell("P2", "low", "10.00", 1));
        // reference 10.00: upper edge 12.00 < 14.40
        s.run("{\"type\":\"participant\",\"id\":\"M\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"M\",\"amount\":\"60.00\"}");
        final List<JsonNode> ev = s.run(order("M", "m", "DATA.A", "buy", null, 5, ""));
        assertEquals(List.of("accepted", "cancelled"), types(ev), describe(ev));
        assertEquals(6_000, s.matcher.cashAvailableFen("M"));
        assertTrue(s.matcher.isCashConserved());
    }

    @Test
    void marketSellNeverTradesBelowTheLowerEdge()
    {
        s.run(buy("P1", "low", "9.60", 2));
        s.run(sell("P2", "t", "14.40", 1), buy("P1", "t2", "14.40", 1)); // reference 14.40: lower edge 11.52
        final List<JsonNode> ev = s.run(order("P2", "m", "DATA.A", "sell", null, 2, ""));
        assertEquals(List.of("accepted", "cancelled"), types(ev), describe(ev));
    }

    @Test
    void cancelByExchangeOrderIdAloneFindsOnlyOwnOrders()
    {
        final JsonNode accepted = s.run(buy("P1", "a", "11.00", 1)).get(0);
        final long orderId = accepted.get("orderId").asLong();
        assertEquals("UNKNOWN_ORDER", s.rejectReason("{\"type\":\"cancel\",\"participant\":\"P2\",\"clOrdId\":\"c\"," +
            "\"origClOrdId\":\"\",\"orderId\":" + orderId + "}"));
        final List<JsonNode> ev = s.run("{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"c\"," +
            "\"origClOrdId\":\"\",\"orderId\":" + orderId + "}");
        assertEquals(List.of("cancelled"), types(ev));
        assertEquals("a", ev.get(0).get("origClOrdId").asText());
    }

    @Test
    void productListRequestDescribesEveryProductAsItIsNow()
    {
        s.run(sell("P2", "s", "12.50", 1), buy("P1", "b", "12.50", 1),
            "{\"type\":\"product_status\",\"product\":\"DATA.IMP\",\"status\":\"suspended\",\"by\":\"ADMIN\"}");
        final List<JsonNode> ev = s.run("{\"type\":\"product_list_request\",\"session\":5}");
        assertEquals(List.of("product_snapshot", "product_snapshot", "product_snapshot"), types(ev));
        assertEquals("DATA.A", ev.get(0).get("product").asText());
        assertEquals("12.50", ev.get(0).get("lastPrice").asText());
        assertEquals("suspended", ev.get(1).get("currentStatus").asText());
        assertEquals("H100", ev.get(2).get("hardware").asText());
    }

    @Test
    void restingComputeOrdersExpireWhenTheDeliveryWindowOpens()
    {
        s.run(order("P3", "c1", "CPU.W", "sell", "30.00", 2, "\"tif\":\"gtc\""),
            order("CB", "b1", "CPU.W", "buy", "20.00", 1, "\"tif\":\"gtc\""),
            buy("P1", "d1", "11.00", 1));
        assertEquals(3, s.matcher.liveOrderCount());
        final long brokerCash = s.matcher.cashAvailableFen("CB");
        // the first command at or after 2026-12-01T00:00Z, whatever it is, carries the expiries
        final List<JsonNode> ev = s.run(buy("P1", "d2", "11.00", 1).replace("}", ",\"time\":\"2026-12-01T00:00:00Z\"}"));
        assertEquals(List.of("expired", "expired", "accepted"), types(ev), describe(ev));
        assertEquals("delivery_window_started", ev.get(0).get("reason").asText());
        assertEquals("b1", ev.get(0).get("clOrdId").asText());
        assertEquals("c1", ev.get(1).get("clOrdId").asText());
        assertEquals(2, s.matcher.liveOrderCount());
        assertEquals(brokerCash + 2_000, s.matcher.cashAvailableFen("CB"));
        assertEquals(4, s.matcher.sellableQty("P3", "CPU.W"));
    }
}
