package io.databourse.settlement;

import static io.databourse.testsupport.JournalFixture.HOUR_NS;
import static io.databourse.testsupport.JournalFixture.T0_NS;
import static io.databourse.settlement.SettlementTestSupport.json;
import static io.databourse.settlement.SettlementTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.schema.Codes;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexes exclude the trades surveillance flags (docs/indexes.md, constituents): a wash round
 * trip at half the price leaves the mark, the window and the day's VWAP where the genuine trades put
 * them; the day's open/high/low/close stay the tape's and the bar counts the flagged trades. The
 * same outputs when the run stops between the round trip's two legs (the alert comes with the
 * second) and goes on from its checkpoint.
 */
class FlaggedTradesIndexTest
{
    @TempDir
    Path dir;

    private int supplier;
    private int buyer;
    private int washA;
    private int washB;
    private int data;

    private void setUp(final JournalFixture f)
    {
        final int roles = Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER;
        supplier = f.participant("S", roles, false);
        buyer = f.participant("C", roles, true);
        washA = f.participant("A", roles, true);
        washB = f.participant("B", roles, true);
        data = f.product("DATA.Y", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
        for (int p = 0; p < 4; p++)
        {
            f.deposit(p, 100_000_000_000L, 100_000_000_000L, 0);
            f.inventory(p, data, 100_000);
        }
        f.time(T0_NS);
        f.cross(supplier, buyer, data, 10_000, 10);
        f.cross(supplier, buyer, data, 10_000, 10);
        f.cross(supplier, buyer, data, 10_000, 10);
        f.time(T0_NS + HOUR_NS);
        f.cross(washA, washB, data, 5_000, 200); // the round trip's first leg: no alert yet
    }

    private void secondLeg(final JournalFixture f)
    {
        f.time(T0_NS + HOUR_NS + 60_000_000_000L);
        f.cross(washB, washA, data, 5_000, 200); // B sells it back: a wash trade naming both legs
    }

    @Test
    void aWashRoundTripLeavesTheMarkAndTheVwapToTheGenuineTrades() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            setUp(f);
            secondLeg(f);
        }
        final Path out = dir.resolve("out");
        run(journal, out);

        assertEquals(List.of("wash_trade"), Files.readAllLines(out.resolve("alerts.jsonl")).stream()
            .map(l -> parse(l).get("type").asText()).toList());
        final JsonNode product = json(out.resolve("indexes.json")).get("products").get(0);
        assertEquals("DATA.Y", product.get("product").asText());
        assertEquals("100.00", product.get("mark").asText(), product.toString());
        assertEquals("vwap", product.get("basis").asText());
        assertEquals(3, product.get("windowTrades").asInt());
        assertEquals(30, product.get("windowQty").asInt());
        final JsonNode today = product.get("today");
        assertEquals("100.00", today.get("vwap").asText(), today.toString());
        assertEquals(30, today.get("qty").asInt());
        assertEquals(3, today.get("trades").asInt());
        assertEquals(2, today.get("flaggedTrades").asInt());
        assertEquals("50.00", today.get("low").asText(), "the bar's prices are the tape's");
        assertEquals("50.00", today.get("close").asText());

        final List<JsonNode> marks = Files.readAllLines(out.resolve("indexes.jsonl")).stream().map(FlaggedTradesIndexTest::parse)
            .filter(l -> "mark".equals(l.get("type").asText())).toList();
        // (30 x 100.00 + 200 x 50.00) / 230 = 56.52 until the second leg; both legs counted would make 53.48
        assertEquals(List.of("100.00", "56.52", "100.00"), marks.stream().map(m -> m.get("mark").asText()).toList(),
            "the first leg counts until the second reveals the round trip; then both leave");
        assertEquals(2, json(out.resolve("summary.json")).get("indexExcludedTrades").asInt(), "both legs");
        final JsonNode positions = json(out.resolve("positions.json"));
        assertEquals("100.00", holding(positions, "C").get("markPrice").asText());
    }

    @Test
    void theSameValuesWhenTheRunStopsBetweenTheLegs() throws Exception
    {
        final Path whole = dir.resolve("whole");
        try (JournalFixture f = new JournalFixture(whole))
        {
            setUp(f);
            secondLeg(f);
        }
        run(whole, dir.resolve("expected"));

        final Path growing = dir.resolve("growing");
        final Path out = dir.resolve("actual");
        try (JournalFixture f = new JournalFixture(growing))
        {
            setUp(f);
            run(growing, out);
            secondLeg(f);
        }
        run(growing, out);
        for (final String file : List.of("indexes.jsonl", "indexes.json", "alerts.jsonl", "positions.json"))
        {
            assertEquals(Files.readString(dir.resolve("expected").resolve(file)), Files.readString(out.resolve(file)),
                file);
        }
    }

    private static JsonNode holding(final JsonNode positions, final String participant)
    {
        for (final JsonNode p : positions)
        {
            if (participant.equals(p.get("participant").asText()))
            {
                return p.get("holdings").get(0);
            }
        }
        throw new AssertionError("no position of " + participant + " in " + positions);
    }

    private static JsonNode parse(final String line)
    {
        try
        {
            return SettlementTestSupport.MAPPER.readTree(line);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(line, ex);
        }
    }
}
