package io.databourse.matcher;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.databourse.matcher.Scenario.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cross-border quotas (docs/matching-rules.md): a cross-border buyer's purchases of personal
 * information count against the exporter's calendar-year records, reserved at entry like cash;
 * from 100 000 records a year they need the exporter's filing, above 1 000 000 the product's
 * approval; important data needs the approval whatever the records.
 */
class CrossBorderTest
{
    private final Scenario s = Scenario.standard();

    CrossBorderTest()
    {
        // 20 000 records a unit: 5 units reach the filing threshold, 51 pass the approval threshold
        s.run("{\"type\":\"product\",\"id\":\"PII\",\"kind\":\"data\",\"tick\":\"0.01\",\"rights\":\"process_use\"," +
                "\"crossBorder\":true,\"personalInfo\":true,\"recordsPerLot\":20000,\"owner\":\"P2\",\"sponsor\":\"SPON\"," +
                "\"reviewedBy\":\"COMP\",\"status\":\"listed\"}",
            "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"PII\",\"qty\":1000}",
            "{\"type\":\"deposit\",\"participant\":\"P2\",\"amount\":\"1000000.00\"}",
            Scenario.order("P2", "ask", "PII", "sell", "1.00", 1000, "\"tif\":\"gtc\""));
    }

    private static String buy(final String clOrdId, final long qty, final String extra)
    {
        return order("XB", clOrdId, "PII", "buy", "1.00", qty, "\"tif\":\"ioc\"" + extra);
    }

    @Test
    void recordsBelowTheFilingThresholdAreFreeThenNeedTheFilingThenTheApproval()
    {
        final List<JsonNode> free = s.run(buy("b1", 4, ""));
        assertEquals(80_000, Scenario.ofType(free, "trade").get(0).get("crossBorderRecords").asLong());
        assertEquals(2026, Scenario.ofType(free, "trade").get(0).get("crossBorderYear").asInt(), "the year it counts in");
        assertEquals("CROSS_BORDER_APPROVAL_REQUIRED", s.rejectReason(buy("b2", 1, "")), "100 000 needs the filing");
        assertEquals("cross_border_filed", s.run("{\"type\":\"cross_border_filing\",\"participant\":\"P2\",\"by\":\"REG\"," +
            "\"note\":\"SCC-2026-031\"}").get(0).get("type").asText());
        assertEquals("ALREADY_RECORDED", s.rejectReason("{\"type\":\"cross_border_filing\",\"participant\":\"P2\",\"by\":\"REG\"}"));
        assertEquals(1, Scenario.ofType(s.run(buy("b3", 46, "")), "trade").size(), "1 000 000 with the filing");
        assertEquals("CROSS_BORDER_APPROVAL_REQUIRED", s.rejectReason(buy("b4", 1, "")), "above 1 000 000: the approval");
        assertEquals("NOT_AUTHORIZED", s.rejectReason("{\"type\":\"cross_border_approval\",\"product\":\"PII\",\"by\":\"P1\"}"));
        s.run("{\"type\":\"cross_border_approval\",\"product\":\"PII\",\"by\":\"REG\"}");
        assertEquals(1, Scenario.ofType(s.run(buy("b5", 1, "")), "trade").size());
    }

    @Test
    void openOrdersReserveRecordsAndGiveThemBackWhenCancelled()
    {
        s.run("{\"type\":\"mass_cancel\",\"participant\":\"P2\",\"clOrdId\":\"mc\"}");
        // a resting bid of 4 units reserves 80 000 records: one more unit reaches the threshold
        s.run(order("XB", "rest", "PII", "buy", "0.50", 4, "\"tif\":\"gtc\""));
        assertEquals("CROSS_BORDER_APPROVAL_REQUIRED", s.rejectReason(order("XB", "more", "PII", "buy", "0.50", 1, "")));
        s.run("{\"type\":\"cancel\",\"participant\":\"XB\",\"clOrdId\":\"c\",\"origClOrdId\":\"rest\"}");
        assertEquals("accepted", s.run(order("XB", "more", "PII", "buy", "0.50", 4, "")).get(0).get("type").asText());
        // growing it by a replace is checked too
        assertEquals("CROSS_BORDER_APPROVAL_REQUIRED", s.rejectReason("{\"type\":\"replace\",\"participant\":\"XB\"," +
            "\"clOrdId\":\"more2\",\"origClOrdId\":\"more\",\"price\":\"0.50\",\"qty\":5}"));
    }

    @Test
    void aNewYearStartsTheCountAgain()
    {
        final String lastNanosecondOf2026 = ",\"time\":\"2026-12-31T23:59:59.999999999Z\"";
        final List<JsonNode> thisYear = Scenario.ofType(s.run(buy("b1", 4, lastNanosecondOf2026)), "trade");
        assertEquals(2026, thisYear.get(0).get("crossBorderYear").asInt());
        assertEquals("CROSS_BORDER_APPROVAL_REQUIRED", s.rejectReason(buy("b2", 1, lastNanosecondOf2026)));
        final List<JsonNode> nextYear = Scenario.ofType(s.run(buy("b3", 4, ",\"time\":\"2027-01-01T00:00:00Z\"")), "trade");
        assertEquals(1, nextYear.size());
        // the trade says which year's quota its records count in: settlement files them there
        assertEquals(2027, nextYear.get(0).get("crossBorderYear").asInt());
    }

    @Test
    void importantDataBoughtFromAbroadNeedsTheApprovalWhateverTheRecords()
    {
        // DATA.IMP (important, crossBorder) holds no personal information
        s.run(order("P2", "s", "DATA.IMP", "sell", "5.00", 10, ""));
        assertEquals("CROSS_BORDER_APPROVAL_REQUIRED", s.rejectReason(order("XB", "b", "DATA.IMP", "buy", "5.00", 10, "")));
        s.run("{\"type\":\"cross_border_approval\",\"product\":\"DATA.IMP\",\"by\":\"REG\"}");
        final List<JsonNode> bought = s.run(order("XB", "b", "DATA.IMP", "buy", "5.00", 10, ""));
        assertEquals(1, Scenario.ofType(bought, "trade").size());
        // no records: it counts against no quota
        assertEquals(null, Scenario.ofType(bought, "trade").get(0).get("crossBorderRecords"));
        assertEquals(null, Scenario.ofType(bought, "trade").get(0).get("crossBorderYear"));
    }

    @Test
    void aBuyerMadeCrossBorderLosesTheBidsThatReservedNoRecords()
    {
        s.run("{\"type\":\"participant\",\"id\":\"B7\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B7\",\"amount\":\"100.00\"}",
            "{\"type\":\"mass_cancel\",\"participant\":\"P2\",\"clOrdId\":\"mc\"}",
            order("B7", "bid", "PII", "buy", "0.50", 4, "\"tif\":\"gtc\""));
        final List<JsonNode> moved = s.run("{\"type\":\"participant\",\"id\":\"B7\",\"roles\":[\"buyer\"]," +
            "\"jurisdiction\":\"cross_border\"}");
        assertEquals(List.of("participant_updated", "cancelled"), Scenario.types(moved));
        assertEquals("participant_requalified", moved.get(1).get("reason").asText());
    }
}
