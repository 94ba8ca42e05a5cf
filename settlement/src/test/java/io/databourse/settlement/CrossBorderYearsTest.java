package io.databourse.settlement;

import static io.databourse.settlement.SettlementTestSupport.json;
import static io.databourse.settlement.SettlementTestSupport.run;
import static io.databourse.settlement.SettlementTestSupport.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.settlement.entitlement.CrossBorderBook;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-border book files each fill's records under the calendar year the trade event names
 * ({@code crossBorderYear}, the matcher's decision), never one it works out from the record's time:
 * the journals here are written with years their times would not give, as a matcher with another
 * rule of years would write them.
 */
class CrossBorderYearsTest
{
    /** 2027-01-01T00:00:00.5Z: half a second into 2027. */
    private static final long NEW_YEAR_NS = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L +
        500_000_000L;

    @TempDir
    Path dir;

    @Test
    void recordsAreFiledUnderTheYearTheTradeCarries() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int[] ebp = exporterBuyerProduct(f);
            final int exporter = ebp[0];
            final int buyer = ebp[1];
            final int pii = ebp[2];
            f.crossBorderCross(exporter, buyer, pii, 100, 1, 20_000, 2026); // 2026-03-01: time and year agree
            f.time(NEW_YEAR_NS);
            f.crossBorderCross(exporter, buyer, pii, 100, 2, 40_000, 2026); // in 2027, counted in 2026's quota
            f.crossBorderCross(exporter, buyer, pii, 100, 1, 20_000, 2027);
        }
        final CrossBorderBook book = settle(journal, dir.resolve("state")).entitlements().crossBorder();
        // by the records' times it would be 20 000 in 2026 and 60 000 in 2027
        assertEquals(List.of(new CrossBorderBook.Year(0, 2026, 60_000, Map.of(0, 60_000L)),
            new CrossBorderBook.Year(0, 2027, 20_000, Map.of(0, 20_000L))), book.years());

        run(journal, dir.resolve("out"));
        final JsonNode years = json(dir.resolve("out").resolve("cross_border.json"));
        assertEquals(2, years.size(), years.toString());
        assertEquals("EXP", years.get(0).get("exporter").asText());
        assertEquals(2026, years.get(0).get("year").asInt());
        assertEquals(60_000, years.get(0).get("records").asLong());
        assertEquals(2027, years.get(1).get("year").asInt());
        assertEquals(20_000, years.get(1).get("records").asLong());
    }

    @Test
    void aTradeWithRecordsButNoYearFailsTheStage()
    {
        final String why = refusalOfOneTrade(60_000, 0);
        assertTrue(why.contains("trade 1 carries 60000 cross-border records in year 0"), why);
    }

    @Test
    void aTradeWithAYearButNoRecordsFailsTheStage()
    {
        final String why = refusalOfOneTrade(0, 2026);
        assertTrue(why.contains("trade 1 carries 0 cross-border records in year 2026"), why);
    }

    /** The exporter EXP, owner of the personal-information product PII, and a buyer XB with cash. */
    private static int[] exporterBuyerProduct(final JournalFixture f)
    {
        final int exporter = f.participant("EXP");
        final int buyer = f.participant("XB");
        final int pii = f.ownedProduct("PII", exporter);
        f.inventory(exporter, pii, 100);
        f.deposit(buyer, 1_000_000, 1_000_000, 0);
        return new int[] {exporter, buyer, pii};
    }

    /** Settles a journal of one trade carrying {@code records} and {@code year}, which must fail; returns why. */
    private String refusalOfOneTrade(final long records, final int year)
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int[] ebp = exporterBuyerProduct(f);
            f.crossBorderCross(ebp[0], ebp[1], ebp[2], 100, 3, records, year);
        }
        return SettlementTestSupport.refusal(journal, dir.resolve("state")).getMessage();
    }
}
