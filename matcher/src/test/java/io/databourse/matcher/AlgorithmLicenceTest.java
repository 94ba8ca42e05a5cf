package io.databourse.matcher;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.databourse.matcher.Scenario.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Algorithm licence terms (docs/matching-rules.md, Algorithms): an algorithm product declares seats
 * per lot, runs per seat, a version and a deployment; a fill grants seats and seats x runs, and
 * usage of it counts runs against that quota.
 */
class AlgorithmLicenceTest
{
    private static final String ROUTER = "{\"type\":\"product\",\"id\":\"ROUTER\",\"kind\":\"algorithm\",\"tick\":\"0.01\"," +
        "\"rights\":[\"hold\",\"process_use\"],\"termDays\":30,\"owner\":\"P2\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"%s}";
    private static final String TERMS = ",\"seats\":2,\"runsPerSeat\":10,\"version\":\"v2.1\",\"deployment\":\"sandbox\"";

    private final Scenario s = Scenario.standard();

    private static String usage(final String id, final long runs)
    {
        return "{\"type\":\"usage\",\"id\":\"" + id + "\",\"reporter\":\"CUST\",\"participant\":\"P1\",\"product\":\"ROUTER\"," +
            "\"units\":" + runs + "}";
    }

    @Test
    void theTermsAreOnTheProductsEventAndAFillGrantsSeatsAndRuns()
    {
        final JsonNode registered = s.run(String.format(ROUTER, TERMS)).get(0);
        assertEquals("product_registered", registered.get("type").asText(), registered.toString());
        assertEquals(2, registered.get("seats").asLong());
        assertEquals(10, registered.get("runsPerSeat").asLong());
        assertEquals("v2.1", registered.get("version").asText());
        assertEquals("sandbox", registered.get("deployment").asText());

        s.run("{\"type\":\"participant\",\"id\":\"CUST\",\"roles\":[\"data_custodian\"]}",
            "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"ROUTER\",\"qty\":10}",
            order("P2", "s", "ROUTER", "sell", "5.00", 10, "\"tif\":\"gtc\""));
        final List<JsonNode> fill = s.run(order("P1", "b", "ROUTER", "buy", "5.00", 3, "\"tif\":\"ioc\""));
        final JsonNode grant = Scenario.ofType(fill, "entitlement_granted").get(0);
        assertEquals(6, grant.get("seats").asLong(), "3 lots x 2 seats");
        assertEquals(60, grant.get("units").asLong(), "6 seats x 10 runs");

        // usage counts runs against seats x runs
        assertEquals(40, Scenario.ofType(s.run(usage("u1", 20)), "usage_recorded").get(0).get("remaining").asLong());
        assertEquals("USAGE_EXCEEDS_QUOTA", s.rejectReason(usage("u2", 41)));
        assertEquals(0, Scenario.ofType(s.run(usage("u3", 40)), "usage_recorded").get(0).get("remaining").asLong());
    }

    @Test
    void termsThatDoNotHoldTogetherAreRefused()
    {
        // a seat needs runs and runs need a seat
        assertEquals("INVALID_DEFINITION", s.rejectReason(String.format(ROUTER, ",\"seats\":2")));
        assertEquals("INVALID_DEFINITION", s.rejectReason(String.format(ROUTER, ",\"runsPerSeat\":5")));
        // licensed by the seat, its quota is seats x runs, not usagePerLot too
        assertEquals("INVALID_DEFINITION", s.rejectReason(String.format(ROUTER, TERMS + ",\"usagePerLot\":7")));
        // data products carry no algorithm terms
        assertEquals("INVALID_DEFINITION", s.rejectReason("{\"type\":\"product\",\"id\":\"D9\",\"kind\":\"data\"," +
            "\"owner\":\"P2\",\"seats\":1,\"runsPerSeat\":1}"));
        assertEquals("product_registered", s.run(String.format(ROUTER, TERMS)).get(0).get("type").asText());
    }
}
