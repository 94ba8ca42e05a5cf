package io.databourse.matcher;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.sbe.EndOfDayCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.databourse.matcher.Scenario.buy;
import static io.databourse.matcher.Scenario.order;
import static io.databourse.matcher.Scenario.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The holes issue 15 found, one regression test each (holes 1, 8 and 10's other parts live in
 * settlement): each fails on the code the issue was filed against.
 */
class MarketRulesHolesTest
{
    private static JsonNode only(final List<JsonNode> events)
    {
        assertEquals(1, events.size(), Scenario.describe(events));
        return events.get(0);
    }

    @Test
    void hole2_aResoldLicenceHandsOnWhatIsLeftNeverAFreshQuotaOrTerm()
    {
        final Scenario s = Scenario.standard();
        s.run("{\"type\":\"participant\",\"id\":\"CUST\",\"roles\":[\"data_custodian\"]}",
            "{\"type\":\"participant\",\"id\":\"B8\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"participant\",\"id\":\"B9\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B8\",\"amount\":\"100.00\"}",
            "{\"type\":\"deposit\",\"participant\":\"B9\",\"amount\":\"100.00\"}");
        // B9 buys 2 licences from the owner on 2026-03-01: 2 000 units for 365 days
        final List<JsonNode> bought = s.run(sell("P2", "s1", "12.00", 2), buy("B9", "b1", "12.00", 2));
        final JsonNode fresh = Scenario.ofType(bought, "entitlement_granted").get(0);
        assertEquals(2_000, fresh.get("units").asLong());
        assertEquals("2027-03-01T10:00:00Z", fresh.get("expires").asText());
        s.run("{\"type\":\"usage\",\"id\":\"u1\",\"reporter\":\"CUST\",\"participant\":\"B9\",\"product\":\"DATA.A\"," +
            "\"units\":1500,\"channel\":\"api\"}");
        // 100 days later B9 resells both licences: the buyer gets the 500 units left, to the original expiry
        final List<JsonNode> resold = s.run(
            sell("B9", "r1", "12.00", 2).replace("}", ",\"time\":\"2026-06-09T10:00:00Z\"}"), buy("B8", "b2", "12.00", 2));
        final List<JsonNode> handedOn = Scenario.ofType(resold, "entitlement_granted");
        assertEquals(1, handedOn.size(), Scenario.describe(resold));
        assertEquals(500, handedOn.get(0).get("units").asLong());
        assertEquals("2027-03-01T10:00:00Z", handedOn.get(0).get("expires").asText());
        assertEquals("B9", handedOn.get(0).get("from").asText());
        // what left the reseller is journaled before the grant that hands it on (settlement posts it)
        final List<JsonNode> drawn = Scenario.ofType(resold, "entitlement_drawn");
        assertEquals(1, drawn.size(), Scenario.describe(resold));
        assertEquals("B9", drawn.get(0).get("participant").asText());
        assertEquals(500, drawn.get(0).get("units").asLong());
        assertEquals("2027-03-01T10:00:00Z", drawn.get(0).get("expires").asText());
        assertEquals(handedOn.get(0).get("tradeId"), drawn.get(0).get("tradeId"));
        assertTrue(resold.indexOf(drawn.get(0)) == resold.indexOf(handedOn.get(0)) - 1, Scenario.describe(resold));
        assertEquals(500, s.matcher.entitledUnits("B8", "DATA.A"));
        assertEquals(0, s.matcher.entitledUnits("B9", "DATA.A"));
        // a used-up licence has nothing left to sell: P1's 100 licences carry 100 000 units, all used
        s.run("{\"type\":\"usage\",\"id\":\"u2\",\"reporter\":\"CUST\",\"participant\":\"P1\",\"product\":\"DATA.A\"," +
            "\"units\":100000}");
        assertEquals("ENTITLEMENT_USED_UP", s.rejectReason(sell("P1", "r2", "12.00", 1)));
    }

    @Test
    void hole3_aReleaseByAnUnregisteredIdIsRefusedNotTakenForTheOperator()
    {
        final Scenario s = Scenario.standard();
        s.run("{\"type\":\"participant\",\"id\":\"BANK\",\"roles\":[\"lender\"]}");
        assertEquals("pledge_registered", only(s.run("{\"type\":\"pledge\",\"id\":\"pl1\",\"lender\":\"BANK\"," +
            "\"participant\":\"P2\",\"product\":\"DATA.A\",\"qty\":500,\"haircut\":\"0.40\"}")).get("type").asText());
        final JsonNode release = only(s.run("{\"type\":\"release\",\"id\":\"pl1\",\"by\":\"GHOST\"}"));
        assertEquals("UNKNOWN_PARTICIPANT", release.get("reason").asText(), release.toString());
        // the units stay pledged: they cannot be sold
        assertEquals("POSITION_PLEDGED", s.rejectReason(sell("P2", "s1", "12.00", 1)));
        assertEquals(500, s.matcher.pledgedQty("P2", "DATA.A"));
    }

    @Test
    void hole4_aRequalifiedBuyersRestingBidsThatNoLongerPassTheGatesAreCancelled()
    {
        final Scenario s = Scenario.standard();
        s.run("{\"type\":\"product\",\"id\":\"IMP.DOM\",\"kind\":\"data\",\"grade\":\"important\",\"tick\":\"0.01\"," +
                "\"crossBorder\":false,\"owner\":\"P2\",\"sponsor\":\"SPON\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"}",
            "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"IMP.DOM\",\"qty\":100}");
        s.run(order("P1", "bid", "IMP.DOM", "buy", "5.00", 10, "\"tif\":\"gtc\""), buy("P1", "other", "11.00", 1));
        final List<JsonNode> events = s.run("{\"type\":\"participant\",\"id\":\"P1\",\"roles\":[\"buyer\"," +
            "\"data_supplier\"],\"qualification\":\"general\",\"jurisdiction\":\"cross_border\",\"by\":\"ADMIN\"}");
        assertEquals(List.of("participant_updated", "cancelled", "cancelled"), Scenario.types(events),
            Scenario.describe(events));
        assertEquals("participant_requalified", events.get(1).get("reason").asText());
        assertEquals("bid", events.get(1).get("origClOrdId").asText());
        // DATA.A is general but domestic only: a cross-border buyer's bid there fails the gates too
        assertEquals("other", events.get(2).get("origClOrdId").asText());
        assertEquals(0, s.matcher.cashReservedFen("P1"));
        // nothing left to fill
        assertTrue(Scenario.ofType(s.run(order("P2", "s", "IMP.DOM", "sell", "5.00", 10, "")), "trade").isEmpty());
    }

    @Test
    void hole4_aProductsGradeRaisedByAReviewCancelsTheBidsOfBuyersNoLongerQualified()
    {
        final Scenario s = Scenario.standard();
        s.run("{\"type\":\"participant\",\"id\":\"B9\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B9\",\"amount\":\"100.00\"}");
        s.run(buy("B9", "low", "11.00", 1), buy("P1", "high", "11.00", 1));
        final List<JsonNode> events = s.run("{\"type\":\"review\",\"id\":\"rr\",\"product\":\"DATA.A\",\"by\":\"COMP\"," +
            "\"decision\":\"approve\",\"grade\":\"important\",\"note\":\"re-graded after audit 17\"}");
        assertEquals(List.of("product_reviewed", "cancelled"), Scenario.types(events), Scenario.describe(events));
        assertEquals("important", events.get(0).get("grade").asText());
        assertEquals("re-graded after audit 17", events.get(0).get("note").asText());
        assertEquals("low", events.get(1).get("origClOrdId").asText());
        assertEquals("participant_requalified", events.get(1).get("reason").asText());
        assertEquals(1, s.matcher.liveOrderCount(), "P1, qualified for important data, keeps its bid");
    }

    @Test
    void hole5_aLineTimedBeforeThePreviousOneIsRefusedAndTakesNoSequenceNumber()
    {
        final Scenario s = Scenario.standard();
        // the compute window of CPU.W opens at 2026-12-01T00:00Z: a command after it expires the book
        s.run("{\"type\":\"deposit\",\"participant\":\"CB\",\"amount\":\"1.00\",\"time\":\"2026-12-01T01:00:00Z\"}");
        final long seqBefore = s.matcher.lastSeq();
        // an order "placed" before the window opened, but after a command that came after it
        final JsonNode error = only(s.run(order("CB", "late", "CPU.W", "buy", "5.00", 1,
            "\"time\":\"2026-11-30T23:00:00Z\"")));
        assertEquals("error", error.get("type").asText());
        assertTrue(error.get("error").asText().contains("earlier than the previous command's 2026-12-01T01:00:00Z"),
            error.toString());
        assertEquals(seqBefore, s.matcher.lastSeq(), "a refused line takes no sequence number");
        // the same time as the previous command is fine: time stands still, it never goes back
        assertEquals("rejected", only(s.run(order("CB", "late", "CPU.W", "buy", "5.00", 1,
            "\"time\":\"2026-12-01T01:00:00Z\""))).get("type").asText());
    }

    @Test
    void hole5_theSequencerRefusesATimeEarlierThanThePreviousCommands()
    {
        final Matcher matcher = new Matcher(new MatcherContext().ordersMax(16).levelsMax(16).conclude());
        final Sequencer sequencer = new Sequencer(matcher, null, null);
        final UnsafeBuffer endOfDay = new UnsafeBuffer(new byte[64]);
        Codecs.encode(new EndOfDayCommandEncoder(), endOfDay, 0, 0);
        sequencer.sequence(2_000, endOfDay, 0, EndOfDayCommandEncoder.BLOCK_LENGTH);
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> sequencer.sequence(1_999, endOfDay, 0, EndOfDayCommandEncoder.BLOCK_LENGTH));
        assertTrue(refused.getMessage().contains("time never goes backwards"), refused.getMessage());
        assertEquals(1, sequencer.lastSeq());
        assertEquals(1, matcher.lastSeq(), "the matcher never saw the refused command");
    }

    @Test
    void hole6_unknownOrMisspeltFieldsAreRefusedByName()
    {
        final Scenario s = Scenario.standard();
        final JsonNode postOnly = only(s.run(sell("P2", "s1", "12.40", 5).replace("}", ",\"post_only\":true}")));
        assertEquals("error", postOnly.get("type").asText());
        assertTrue(postOnly.get("error").asText().contains("unknown field \"post_only\" (did you mean \"postOnly\"?)"),
            postOnly.toString());
        final JsonNode channel = only(s.run("{\"type\":\"usage\",\"id\":\"u1\",\"reporter\":\"P1\"," +
            "\"participant\":\"P1\",\"product\":\"DATA.A\",\"units\":1,\"chanel\":\"api\"}"));
        assertEquals("error", channel.get("type").asText());
        assertTrue(channel.get("error").asText().contains("\"chanel\" (did you mean \"channel\"?)"), channel.toString());
        // nothing reached the matcher: no order rests
        assertEquals(0, s.matcher.liveOrderCount());
    }

    @Test
    void hole7_aReplaceThatChangesNothingIsRefused()
    {
        final Scenario s = Scenario.standard();
        s.run(buy("P1", "a1", "11.00", 10));
        final JsonNode rejected = only(s.run("{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"a2\"," +
            "\"origClOrdId\":\"a1\",\"price\":\"11.00\",\"qty\":10}"));
        assertEquals(RejectReason.REPLACE_NOT_ALLOWED.name(), rejected.get("reason").asText(), rejected.toString());
        // the order still answers to its old clOrdId
        assertEquals("cancelled", only(s.run("{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"c\"," +
            "\"origClOrdId\":\"a1\"}")).get("type").asText());
    }

    @Test
    void hole7_theClOrdIdRefusalStatesTheRealLimit()
    {
        assertTrue(RejectReason.INVALID_CLORDID.text().contains("1 to 24"), RejectReason.INVALID_CLORDID.text());
        assertEquals(24, io.databourse.journal.schema.AsciiFields.CLORDID_LENGTH);
    }

    @Test
    void hole9_refusedProductCommandsNameTheirProduct()
    {
        final Scenario s = Scenario.standard();
        final JsonNode duplicate = only(s.run("{\"type\":\"product\",\"id\":\"DATA.A\",\"kind\":\"data\"}"));
        assertEquals("DUPLICATE_ID", duplicate.get("reason").asText());
        assertEquals("DATA.A", duplicate.get("product").asText(), duplicate.toString());
        final JsonNode unknown = only(s.run(
            "{\"type\":\"product_status\",\"product\":\"NO.SUCH\",\"status\":\"listed\",\"by\":\"ADMIN\"}"));
        assertEquals("UNKNOWN_PRODUCT", unknown.get("reason").asText());
        assertEquals("NO.SUCH", unknown.get("product").asText(), unknown.toString());
        final JsonNode order = only(s.run(order("P1", "x", "NO.SUCH", "buy", "1.00", 1, "")));
        assertEquals("NO.SUCH", order.get("product").asText(), order.toString());
    }
}
