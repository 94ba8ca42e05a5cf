package io.databourse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code bin/databourse simulate docs/examples/market-rules.jsonl} tells the data market's story
 * (README, docs/matching-rules.md): review, sponsor and listing; a buy for a declared purpose and
 * the custodian's usage report; a resale of what is left; self-trade prevention across a group;
 * the cross-border quota; a regulator's suspension with its alert id. Each step's key event.
 */
class MarketRulesExampleTest
{
    private static List<JsonNode> simulate() throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "simulate", "../docs/examples/market-rules.jsonl");
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

    private static Predicate<JsonNode> type(final String type)
    {
        return e -> type.equals(e.get("type").asText());
    }

    private static Predicate<JsonNode> refused(final String reason)
    {
        return e -> "rejected".equals(e.get("type").asText()) && reason.equals(e.get("reason").asText());
    }

    @Test
    void theStoryRunsAndEachStepSaysWhatTheRulesDecided() throws Exception
    {
        final List<JsonNode> events = simulate();
        assertFalse(events.stream().anyMatch(type("error")), "every line is a well-formed command");

        // 1-2: ownership, then review, sponsor and listing
        assertEquals("BUY3", only(events, refused("NOT_OWNER"), "NOT_OWNER").get("participant").asText());
        assertEquals("SUP1", only(events, type("product_registered"), "registration").get("owner").asText());
        only(events, refused("PRODUCT_NOT_LISTED"), "a sale before listing");
        only(events, refused("COMPLIANCE_REVIEW_REQUIRED"), "listing before review");
        assertEquals("ticket C-101", only(events, type("product_reviewed"), "the review").get("note").asText());
        only(events, refused("SPONSOR_REQUIRED"), "listing before the sponsor");
        assertEquals("SPON1", only(events, type("product_sponsored"), "the sponsor").get("by").asText());
        only(events, e -> type("product_status_changed").test(e) && "listed".equals(e.get("to").asText()), "listing");

        // 3-4: a buy names a use; the custodian's report must match it
        only(events, refused("PURPOSE_REQUIRED"), "a buy without a purpose");
        only(events, refused("PURPOSE_NOT_ALLOWED"), "a buy for an undeclared purpose");
        final List<JsonNode> grants = events.stream().filter(type("entitlement_granted")).toList();
        assertEquals("traffic_planning", grants.get(0).get("purpose").asText());
        assertEquals(1000, grants.get(0).get("units").asLong(), "10 units x 100");
        assertEquals(750, only(events, type("usage_recorded"), "the report").get("remaining").asLong());
        only(events, refused("PURPOSE_MISMATCH"), "a report for another use");

        // 5: the resale hands on what is left, with the original expiry
        final JsonNode resale = only(events, e -> type("entitlement_granted").test(e) && e.has("from"), "the resale");
        assertEquals("BUY1", resale.get("from").asText());
        assertEquals("BUY3", resale.get("participant").asText());
        assertEquals(grants.get(0).get("expires").asText(), resale.get("expires").asText());

        // 6: linked buyers never trade with each other
        assertEquals("BUY2", only(events, e -> "self_trade_prevented".equals(e.path("reason").asText()), "group STP")
            .get("participant").asText());

        // 7: the exporter's yearly records, the filing threshold, the filing
        final List<Long> records = events.stream().filter(type("trade")).filter(e -> e.has("crossBorderRecords"))
            .map(e -> e.get("crossBorderRecords").asLong()).toList();
        assertEquals(List.of(80_000L, 20_000L), records);
        only(events, refused("CROSS_BORDER_APPROVAL_REQUIRED"), "the 100 000th record without a filing");
        only(events, type("cross_border_filed"), "the filing");

        // 8: the regulator's suspension and reinstatement, with the alert in the note
        final List<JsonNode> updates = events.stream().filter(type("participant_updated")).toList();
        assertEquals(List.of("alert A-17", "A-17 closed"), updates.stream().map(e -> e.get("note").asText()).toList());
        assertEquals(List.of("suspended", "admitted"), updates.stream().map(e -> e.get("status").asText()).toList());
        only(events, refused("PARTICIPANT_SUSPENDED"), "a suspended buyer's order");
    }
}
