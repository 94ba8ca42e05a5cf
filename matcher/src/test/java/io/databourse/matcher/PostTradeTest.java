package io.databourse.matcher;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.databourse.matcher.Scenario.buy;
import static io.databourse.matcher.Scenario.sell;
import static io.databourse.matcher.Scenario.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Entitlements from buy fills, usage draw-down and refusal; pledges that block sales. */
class PostTradeTest
{
    private final Scenario s = Scenario.standard();

    private static String usage(final String id, final String reporter, final String participant, final long units,
        final String time)
    {
        return "{\"type\":\"usage\",\"id\":\"" + id + "\",\"reporter\":\"" + reporter + "\",\"participant\":\"" +
            participant + "\",\"product\":\"DATA.A\",\"units\":" + units +
            (null == time ? "" : ",\"time\":\"" + time + "\"") + "}";
    }

    PostTradeTest()
    {
        s.run("{\"type\":\"participant\",\"id\":\"CUST\",\"roles\":[\"data_custodian\"]}",
            "{\"type\":\"participant\",\"id\":\"BANK\",\"roles\":[\"lender\"]}",
            // a buyer that holds nothing yet (P1 bought 100 DATA.A when the standard market opened)
            "{\"type\":\"participant\",\"id\":\"B9\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"B9\",\"amount\":\"10000.00\"}");
    }

    @Test
    void buyFillsGrantEntitlementsThatUsageDrawsDown()
    {
        // DATA.A: 1000 usage units per lot (lot 1), term 365 days
        final List<JsonNode> bought = s.run(sell("P2", "s", "12.00", 3), buy("B9", "b", "12.00", 3));
        final JsonNode grant = Scenario.ofType(bought, "entitlement_granted").get(0);
        assertEquals(3_000, s.matcher.entitledUnits("B9", "DATA.A"));
        final List<JsonNode> ev = s.run(usage("u1", "CUST", "B9", 2_500, null));
        // the draw the matcher chose, then the report it makes up
        assertEquals(List.of("entitlement_drawn", "usage_recorded"), types(ev));
        assertEquals("B9", ev.get(0).get("participant").asText());
        assertEquals(2_500, ev.get(0).get("units").asLong());
        assertEquals(grant.get("expires"), ev.get(0).get("expires"), "drawn from the entitlement the fill granted");
        assertNull(ev.get(0).get("tradeId"), "a usage report's draw names no trade");
        assertEquals(500, ev.get(1).get("remaining").asLong());
        assertEquals("u1", ev.get(1).get("id").asText());
        assertEquals("USAGE_EXCEEDS_QUOTA", s.rejectReason(usage("u2", "CUST", "B9", 501, null)));
        assertEquals(500, s.matcher.entitledUnits("B9", "DATA.A"));
        assertEquals(List.of("entitlement_drawn", "usage_recorded"), types(s.run(usage("u3", "CUST", "B9", 500, null))));
    }

    @Test
    void usageIsRefusedWithoutEntitlementAfterExpiryAndFromNonCustodians()
    {
        assertEquals("NO_ENTITLEMENT", s.rejectReason(usage("u1", "CUST", "B9", 1, null)));
        s.run(sell("P2", "s", "12.00", 1), buy("B9", "b", "12.00", 1));
        assertEquals("NOT_AUTHORIZED", s.rejectReason(usage("u2", "P2", "B9", 1, null)));
        // bought on 2026-03-01, 365-day term: expired a year later
        assertEquals("ENTITLEMENT_EXPIRED", s.rejectReason(usage("u3", "CUST", "B9", 1, "2027-03-02T00:00:00Z")));
        final JsonNode rejected = s.run(usage("u4", "CUST", "B9", 1, "2027-03-02T00:00:00Z")).get(0);
        assertEquals("u4", rejected.get("id").asText());
    }

    @Test
    void pledgedUnitsCannotBeSoldUntilReleased()
    {
        final List<JsonNode> ev = s.run("{\"type\":\"pledge\",\"id\":\"pl1\",\"lender\":\"BANK\",\"participant\":\"P2\"," +
            "\"product\":\"DATA.A\",\"qty\":450,\"haircut\":\"0.40\"}");
        assertEquals(List.of("pledge_registered"), types(ev));
        assertEquals("0.4000", ev.get(0).get("haircut").asText());
        assertEquals(50, s.matcher.sellableQty("P2", "DATA.A"));
        assertEquals("POSITION_PLEDGED", s.rejectReason(sell("P2", "s", "12.00", 51)));
        assertEquals("accepted", s.run(sell("P2", "s2", "12.00", 50)).get(0).get("type").asText());
        assertEquals("PLEDGE_EXCEEDS_HOLDINGS", s.rejectReason(
            "{\"type\":\"pledge\",\"id\":\"pl2\",\"lender\":\"BANK\",\"participant\":\"P2\",\"product\":\"DATA.A\",\"qty\":1}"));
        assertEquals("NOT_AUTHORIZED", s.rejectReason("{\"type\":\"release\",\"id\":\"pl1\",\"by\":\"P2\"}"));
        assertEquals("UNKNOWN_PLEDGE", s.rejectReason("{\"type\":\"release\",\"id\":\"nope\",\"by\":\"BANK\"}"));
        assertEquals(List.of("pledge_released"), types(s.run("{\"type\":\"release\",\"id\":\"pl1\",\"by\":\"BANK\"}")));
        assertEquals(450, s.matcher.sellableQty("P2", "DATA.A"));
        assertEquals("accepted", s.run(sell("P2", "s3", "12.00", 450)).get(0).get("type").asText());
    }

    @Test
    void sandboxOnlyDataIsUsedOnlyThroughTheSandbox()
    {
        s.run("{\"type\":\"product\",\"id\":\"SBX\",\"kind\":\"data\",\"delivery\":\"sandbox_only\",\"rights\":\"process_use\",\"usagePerLot\":10," +
            "\"termDays\":30,\"owner\":\"P2\",\"sponsor\":\"SPON\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"}",
            "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"SBX\",\"qty\":5}",
            "{\"type\":\"new\",\"participant\":\"P2\",\"clOrdId\":\"s\",\"product\":\"SBX\",\"side\":\"sell\",\"price\":\"1.00\",\"qty\":1}",
            "{\"type\":\"new\",\"participant\":\"B9\",\"clOrdId\":\"b\",\"product\":\"SBX\",\"side\":\"buy\",\"price\":\"1.00\",\"qty\":1}");
        final String base = "{\"type\":\"usage\",\"id\":\"u\",\"reporter\":\"CUST\",\"participant\":\"B9\",\"product\":\"SBX\",\"units\":3";
        assertEquals("SANDBOX_ONLY", s.rejectReason(base + ",\"channel\":\"download\"}"));
        assertEquals("SANDBOX_ONLY", s.rejectReason(base + "}"));
        assertEquals(List.of("entitlement_drawn", "usage_recorded"), types(s.run(base + ",\"channel\":\"sandbox_only\"}")));
        // and the sandbox serves nothing that is not sandbox-only
        s.run(sell("P2", "s2", "12.00", 1), buy("B9", "b2", "12.00", 1));
        assertEquals("SANDBOX_ONLY", s.rejectReason(usage("u9", "CUST", "B9", 1, null).replace("}", ",\"channel\":\"sandbox_only\"}")));
    }
}
