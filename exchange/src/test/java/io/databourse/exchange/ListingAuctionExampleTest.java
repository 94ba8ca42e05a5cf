package io.databourse.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/databourse simulate docs/examples/listing-auction.jsonl} tells a listing call auction
 * (issue 19, docs/matching-rules.md): the listing opens it, orders are collected while the indicative
 * price moves, IOC is refused, the first command at the end time uncrosses it at one price, then
 * continuous trading. The journal it keeps replays byte for byte ({@code verify}, {@code audit verify}).
 */
class ListingAuctionExampleTest
{
    private static final String PRODUCT = "DATA.WEATHER.CN";

    @TempDir
    Path dir;

    private static String run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args);
        assertEquals(0, status, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Predicate<JsonNode> type(final String type)
    {
        return e -> type.equals(e.get("type").asText());
    }

    @Test
    void theAuctionCollectsMovesItsIndicativePriceUncrossesAndContinuousTradingFollows() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final ObjectMapper mapper = new ObjectMapper();
        final List<JsonNode> events = new ArrayList<>();
        for (final String line : run("simulate", "--journal", journal.toString(),
            "../docs/examples/listing-auction.jsonl").split("\n"))
        {
            events.add(mapper.readTree(line));
        }
        assertFalse(events.stream().anyMatch(type("error")), "every line is a well-formed command");

        final List<JsonNode> started = events.stream().filter(type("auction_started")).toList();
        assertEquals(List.of("listing", "admin"), started.stream().map(e -> e.get("cause").asText()).toList());
        assertEquals("2026-03-02T10:00:00Z", started.get(1).get("endsAt").asText());

        final List<String> indicative = events.stream().filter(type("auction_indicative"))
            .map(e -> e.get("price").asText() + "x" + e.get("volume").asLong()).toList();
        assertEquals(List.of("7.80x10", "8.20x20", "8.40x25", "8.40x35", "8.40x32"), indicative,
            "the indicative price moves with the orders, published only when it changes");
        final List<JsonNode> refused = events.stream().filter(type("rejected")).toList();
        assertEquals(1, refused.size(), refused.toString());
        assertEquals("NOT_ALLOWED_IN_AUCTION", refused.get(0).get("reason").asText());

        final List<JsonNode> uncrossed = events.stream().filter(type("auction_uncrossed")).toList();
        assertEquals(1, uncrossed.size());
        final JsonNode uncross = uncrossed.get(0);
        assertEquals("end_time", uncross.get("cause").asText());
        assertEquals("8.40", uncross.get("price").asText());
        assertEquals(32, uncross.get("volume").asLong());
        final int at = events.indexOf(uncross);
        final long seq = uncross.get("seq").asLong();
        final List<JsonNode> auctionTrades = events.stream().filter(type("trade"))
            .filter(e -> e.get("seq").asLong() == seq).toList();
        assertEquals(32, auctionTrades.stream().mapToLong(e -> e.get("qty").asLong()).sum(), "the volume, all filled");
        assertTrue(auctionTrades.stream().allMatch(e -> "8.40".equals(e.get("price").asText()) &&
            "none".equals(e.get("aggressor").asText())), "one price, no aggressor");
        assertEquals("m1", auctionTrades.get(0).get("buyClOrdId").asText(), "the market order fills first");
        // the command stamped at the end time runs after the uncross, in continuous trading
        final JsonNode b3 = events.stream().filter(e -> type("accepted").test(e) &&
            "b3".equals(e.get("clOrdId").asText())).findFirst().orElseThrow();
        assertEquals(seq, b3.get("seq").asLong());
        assertTrue(events.indexOf(b3) > at);
        final List<JsonNode> continuous = events.stream().filter(type("trade"))
            .filter(e -> e.get("seq").asLong() > seq).toList();
        assertEquals(List.of("b1r", "b3"), continuous.stream().map(e -> e.get("buyClOrdId").asText()).toList());
        assertTrue(continuous.stream().allMatch(e -> "sell".equals(e.get("aggressor").asText())));

        // the journal with an auction replays byte for byte
        assertTrue(run("verify", journal.toString()).contains("OK"));
        assertTrue(run("audit", "verify", dir.toString()).contains("journal: OK"));
    }
}
