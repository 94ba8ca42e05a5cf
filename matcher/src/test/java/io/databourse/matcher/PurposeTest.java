package io.databourse.matcher;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.databourse.matcher.Scenario.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Purpose-bound use (docs/matching-rules.md, Purposes): a product declares the uses it may be
 * bought for, a buy names one, the entitlement records it, and usage must match it.
 */
class PurposeTest
{
    private static final String USAGE = "{\"type\":\"usage\",\"id\":\"%s\",\"reporter\":\"CUST\",\"participant\":\"P1\"," +
        "\"product\":\"MAPS\",\"units\":%d%s}";

    private final Scenario s = Scenario.standard();

    PurposeTest()
    {
        s.run("{\"type\":\"participant\",\"id\":\"CUST\",\"roles\":[\"data_custodian\"]}",
            "{\"type\":\"product\",\"id\":\"MAPS\",\"kind\":\"data\",\"tick\":\"0.01\",\"rights\":\"process_use\"," +
                "\"usagePerLot\":100,\"purposes\":[\"traffic_planning\",\"public_service\"],\"owner\":\"P2\"," +
                "\"sponsor\":\"SPON\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"}",
            "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"MAPS\",\"qty\":100}");
    }

    private static String usage(final String id, final long units, final String purpose)
    {
        return String.format(USAGE, id, units, null == purpose ? "" : ",\"purpose\":\"" + purpose + "\"");
    }

    @Test
    void aBuyNamesOneOfTheDeclaredPurposesAndNothingElseNamesOne()
    {
        assertEquals("PURPOSE_REQUIRED", s.rejectReason(order("P1", "b", "MAPS", "buy", "1.00", 1, "")));
        assertEquals("PURPOSE_NOT_ALLOWED", s.rejectReason(order("P1", "b", "MAPS", "buy", "1.00", 1,
            "\"purpose\":\"marketing_analytics\"")));
        assertEquals("PURPOSE_NOT_ALLOWED", s.rejectReason(order("P2", "s", "MAPS", "sell", "1.00", 1,
            "\"purpose\":\"traffic_planning\"")));
        // a product declaring no purposes takes none
        assertEquals("PURPOSE_NOT_ALLOWED", s.rejectReason(Scenario.buy("P1", "b", "11.00", 1)
            .replace("}", ",\"purpose\":\"traffic_planning\"}")));
        final JsonNode accepted = s.run(order("P1", "b", "MAPS", "buy", "1.00", 1, "\"purpose\":\"traffic_planning\""))
            .get(0);
        assertEquals("accepted", accepted.get("type").asText());
        assertEquals("traffic_planning", accepted.get("purpose").asText());
    }

    @Test
    void theEntitlementRecordsThePurposeAndUsageMustMatchIt()
    {
        final List<JsonNode> fill = s.run(order("P2", "s", "MAPS", "sell", "1.00", 3, ""),
            order("P1", "b", "MAPS", "buy", "1.00", 2, "\"purpose\":\"traffic_planning\""),
            order("P1", "c", "MAPS", "buy", "1.00", 1, "\"purpose\":\"public_service\""));
        final List<JsonNode> grants = Scenario.ofType(fill, "entitlement_granted");
        assertEquals(2, grants.size());
        assertEquals("traffic_planning", grants.get(0).get("purpose").asText());
        assertEquals(200, grants.get(0).get("units").asLong());
        assertEquals("public_service", grants.get(1).get("purpose").asText());
        assertEquals("PURPOSE_MISMATCH", s.rejectReason(usage("u1", 10, "credit_assessment")));
        assertEquals("PURPOSE_MISMATCH", s.rejectReason(usage("u2", 10, null)));
        // a use draws only the entitlements bought for it
        assertEquals("USAGE_EXCEEDS_QUOTA", s.rejectReason(usage("u3", 150, "public_service")));
        final List<JsonNode> usage = s.run(usage("u4", 150, "traffic_planning"));
        assertEquals(List.of("entitlement_drawn", "usage_recorded"), Scenario.types(usage));
        assertEquals("traffic_planning", usage.get(0).get("purpose").asText(), "drawn from the entitlement of that use");
        assertEquals(150, usage.get(0).get("units").asLong());
        final JsonNode used = usage.get(1);
        assertEquals(50, used.get("remaining").asLong());
        assertEquals("traffic_planning", used.get("purpose").asText());
        assertEquals(150, s.matcher.entitledUnits("P1", "MAPS"));
    }
}
