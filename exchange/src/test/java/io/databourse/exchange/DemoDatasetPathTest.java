package io.databourse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The demo reference data that {@code bin/databourse run} loads on a first start tells a dataset's
 * whole path (issue 15): P2 registers DATA.ROADS.HIST, COMP1 reviews it, SPONSOR1 confirms it,
 * ADMIN lists it, which opens its listing call auction (issue 19), P1 buys it for a declared purpose
 * in the auction's uncross and CUST1 reports the use. Read back from the
 * journal the exchange wrote, with {@code databourse events}.
 */
class DemoDatasetPathTest
{
    private static final String ROADS = "DATA.ROADS.HIST";

    @TempDir
    Path dataDir;

    private List<JsonNode> journalEvents() throws Exception
    {
        final String aeronDir = "/dev/shm/databourse-demopath-" + ProcessHandle.current().pid();
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(dataDir)
            .aeronDir(aeronDir)
            .fixEnabled(false)))
        {
            // launch loads the demo data into the empty journal before it returns (EmbeddedExchange.bootstrap)
            assert null != exchange;
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "events", dataDir.resolve("journal").toString());
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        final ObjectMapper mapper = new ObjectMapper();
        final List<JsonNode> events = new ArrayList<>();
        for (final String line : out.toString(StandardCharsets.UTF_8).split("\n"))
        {
            events.add(mapper.readTree(line));
        }
        return events;
    }

    private static JsonNode only(final List<JsonNode> events, final Predicate<JsonNode> which, final String what)
    {
        final List<JsonNode> found = events.stream().filter(which).toList();
        assertEquals(1, found.size(), what + " in " + events);
        return found.get(0);
    }

    private static Predicate<JsonNode> roads(final String type)
    {
        return e -> type.equals(e.path("type").asText()) && ROADS.equals(e.path("product").asText());
    }

    @Test
    void theDemoDatasetIsRegisteredReviewedSponsoredListedBoughtForAPurposeAndItsUseReported() throws Exception
    {
        final List<JsonNode> events = journalEvents();
        assertFalse(events.stream().anyMatch(e -> "rejected".equals(e.path("type").asText())),
            "the demo data is refused nothing: " + events);

        assertEquals("P2", only(events, roads("product_registered"), "registration").get("owner").asText());
        assertEquals("COMP1", only(events, roads("product_reviewed"), "the review").get("by").asText());
        assertEquals("SPONSOR1", only(events, roads("product_sponsored"), "the sponsor").get("by").asText());
        only(events, e -> roads("product_status_changed").test(e) && "listed".equals(e.get("to").asText()), "listing");

        final JsonNode auction = only(events, roads("auction_started"), "the listing auction");
        assertEquals("listing", auction.get("cause").asText(), auction.toString());
        final JsonNode uncross = only(events, roads("auction_uncrossed"), "the uncross");
        assertEquals("30.00", uncross.get("price").asText(), uncross.toString());
        assertEquals(2, uncross.get("volume").asLong());
        final JsonNode trade = only(events, roads("trade"), "P1's buy");
        assertEquals(2, trade.get("qty").asLong(), trade.toString());
        assertEquals("30.00", trade.get("price").asText(), "the uncross's one price");
        final JsonNode grant = only(events, roads("entitlement_granted"), "P1's entitlement");
        assertEquals("P1", grant.get("participant").asText());
        assertEquals("traffic_planning", grant.get("purpose").asText());
        assertEquals(1000, grant.get("units").asLong(), "2 licences x 500 units");

        final JsonNode usage = only(events, roads("usage_recorded"), "the custodian's report");
        assertEquals("CUST1", usage.get("reporter").asText());
        assertEquals("P1", usage.get("participant").asText());
        assertEquals("traffic_planning", usage.get("purpose").asText());
        assertEquals(880, usage.get("remaining").asLong(), "1000 - 120 units");

        // the order of the path: registered, reviewed, sponsored, listed, traded, used
        final List<Integer> steps = List.of(
            events.indexOf(only(events, roads("product_registered"), "registration")),
            events.indexOf(only(events, roads("product_reviewed"), "review")),
            events.indexOf(only(events, roads("product_sponsored"), "sponsor")),
            events.indexOf(only(events, e -> roads("product_status_changed").test(e) &&
                "listed".equals(e.get("to").asText()), "listing")),
            events.indexOf(auction),
            events.indexOf(uncross),
            events.indexOf(trade),
            events.indexOf(usage));
        assertEquals(steps.stream().sorted().toList(), steps, "the path's steps in order: " + steps);
    }
}
