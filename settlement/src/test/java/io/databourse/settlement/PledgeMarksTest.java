package io.databourse.settlement;

import static io.databourse.testsupport.JournalFixture.DAY_NS;
import static io.databourse.testsupport.JournalFixture.HOUR_NS;
import static io.databourse.testsupport.JournalFixture.T0_NS;
import static io.databourse.settlement.SettlementTestSupport.json;
import static io.databourse.settlement.SettlementTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.schema.Codes;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pledges valued at the index stage's marks (docs/indexes.md): the cover fixed at registration, a
 * margin call when the mark falls below the cover price, cleared when it recovers or the pledge is
 * released; and the marks reach the positions stage exactly once across restarts, also when the
 * positions stage checkpointed before records the index stage had already applied.
 */
class PledgeMarksTest
{
    @TempDir
    Path dir;

    private int seller;
    private int borrower;
    private int bank;
    private int data;

    private void setUp(final JournalFixture f)
    {
        seller = f.participant("S");
        borrower = f.participant("P2");
        bank = f.participant("BANK1");
        data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
        f.inventory(seller, data, 10_000);
        f.deposit(borrower, 100_000_000, 100_000_000, 0);
    }

    /** Mark 10.00, a pledge covering 60.00 (coverPrice 6.00), a fall to 5.83: margin call. */
    private void fall(final JournalFixture f)
    {
        f.time(T0_NS);
        f.cross(seller, borrower, data, 1_000, 10);
        f.cross(seller, borrower, data, 1_000, 5);
        f.cross(seller, borrower, data, 1_000, 5);
        f.pledge("pl1", bank, borrower, data, 10, 4_000, true);
        f.time(T0_NS + HOUR_NS);
        f.cross(seller, borrower, data, 500, 100); // (20000 + 50000) / 120 = 583 < 600
    }

    /** The mark recovers to 8.09, then falls again and the pledge is released while in call. */
    private void recoverThenRelease(final JournalFixture f)
    {
        f.time(T0_NS + 2 * HOUR_NS);
        f.cross(seller, borrower, data, 900, 300); // (70000 + 270000) / 420 = 809
        f.time(T0_NS + DAY_NS + 3 * HOUR_NS / 2); // 11:30 next day: the 10:00 and 11:00 trades have left
        f.cross(seller, borrower, data, 100, 400);
        f.cross(seller, borrower, data, 100, 400); // (270000 + 80000) / 1100 = 318
        f.pledge("pl1", bank, borrower, data, 10, 4_000, false);
    }

    @Test
    void marginCallWhenTheMarkFallsBelowTheCoverClearedOnRecoveryOrRelease() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            setUp(f);
            fall(f);
            recoverThenRelease(f);
        }
        final Path out = dir.resolve("out");
        run(journal, out);
        final List<JsonNode> calls = lines(out.resolve("margin-calls.jsonl"));
        assertEquals(4, calls.size(), calls.toString());
        assertEquals("margin_call", calls.get(0).get("type").asText());
        assertEquals("pl1", calls.get(0).get("pledge").asText());
        assertEquals("5.83", calls.get(0).get("mark").asText());
        assertEquals("vwap", calls.get(0).get("basis").asText());
        assertEquals("60.00", calls.get(0).get("cover").asText());
        assertEquals("6.00", calls.get(0).get("coverPrice").asText());
        assertEquals("58.30", calls.get(0).get("marketValue").asText());
        assertEquals("1.70", calls.get(0).get("shortfall").asText());
        assertEquals("margin_call_cleared", calls.get(1).get("type").asText());
        assertEquals("mark_recovered", calls.get(1).get("reason").asText());
        assertEquals("8.09", calls.get(1).get("mark").asText());
        assertEquals("margin_call", calls.get(2).get("type").asText());
        assertEquals("3.18", calls.get(2).get("mark").asText());
        assertEquals("margin_call_cleared", calls.get(3).get("type").asText());
        assertEquals("released", calls.get(3).get("reason").asText());

        final JsonNode pledge = json(out.resolve("pledges.json")).get(0);
        assertEquals(false, pledge.get("marginCall").asBoolean());
        assertEquals("released", pledge.get("status").asText());
        final JsonNode marks = lines(out.resolve("indexes.jsonl")).stream()
            .filter(l -> "mark".equals(l.get("type").asText())).reduce((a, b) -> b).orElseThrow();
        assertEquals("3.18", marks.get("mark").asText(), "the positions stage posts the index stage's last mark");
        assertEquals("3.18", json(out.resolve("positions.json")).get(1).get("holdings").get(0).get("markPrice").asText());
    }

    @Test
    void marksReachPositionsExactlyOnceWhenItRestartsBehindTheIndexStage() throws Exception
    {
        final Path whole = dir.resolve("whole");
        try (JournalFixture f = new JournalFixture(whole))
        {
            setUp(f);
            fall(f);
            recoverThenRelease(f);
        }
        run(whole, dir.resolve("expected"));

        final Path growing = dir.resolve("growing");
        final Path out = dir.resolve("actual");
        final JournalFixture f = new JournalFixture(growing);
        setUp(f);
        run(growing, out);
        final Path positions = out.resolve("state").resolve("positions.checkpoint");
        final Path saved = dir.resolve("positions.checkpoint.saved");
        Files.copy(positions, saved);
        fall(f);
        run(growing, out);
        // positions lost its last checkpoint: it is behind the index stage, which skips the records
        // between them and must hand their marks (the fall, the margin call) over again from its log
        Files.copy(saved, positions, StandardCopyOption.REPLACE_EXISTING);
        recoverThenRelease(f);
        f.close();
        run(growing, out);

        for (final String file : List.of("positions.json", "pledges.json", "margin-calls.jsonl", "indexes.jsonl",
            "indexes.json"))
        {
            assertEquals(Files.readString(dir.resolve("expected").resolve(file)), Files.readString(out.resolve(file)),
                file);
        }
        assertTrue(Files.readString(out.resolve("margin-calls.jsonl")).contains("\"mark\":\"5.83\""));
    }

    private static List<JsonNode> lines(final Path file) throws Exception
    {
        return Files.readAllLines(file).stream().map(l ->
        {
            try
            {
                return SettlementTestSupport.MAPPER.readTree(l);
            }
            catch (final Exception ex)
            {
                throw new AssertionError(l, ex);
            }
        }).toList();
    }
}
