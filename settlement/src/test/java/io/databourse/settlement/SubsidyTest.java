package io.databourse.settlement;

import static io.databourse.testsupport.JournalFixture.DAY_NS;
import static io.databourse.testsupport.JournalFixture.HOUR_NS;
import static io.databourse.testsupport.JournalFixture.T0_NS;
import static io.databourse.settlement.SettlementTestSupport.ctx;
import static io.databourse.settlement.SettlementTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.subsidy.SubsidyBook;
import io.databourse.settlement.subsidy.SubsidyRow;
import io.databourse.settlement.subsidy.SubsidyRules;
import io.databourse.settlement.subsidy.SubsidyStage;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purchase subsidy (seed item 7; issue 15, hole 10): threshold, rate and cumulative cap; support
 * for one year from the first qualifying year, not forever; the product kinds that count as a
 * setting; purchases from oneself or a linked participant never count; and every row of
 * {@code subsidies.json} says why.
 */
class SubsidyTest
{
    private static final long YEAR_2027_NS = 1_798_761_600_000_000_000L; // 2027-01-01T00:00:00Z
    private static final long YEAR_2028_NS = 1_830_297_600_000_000_000L; // 2028-01-01T00:00:00Z
    private static final long YUAN = 100;

    @TempDir
    Path dir;

    private static SubsidyRules rules(final int years, final String kinds)
    {
        return new SubsidyRules(SubsidyRules.THRESHOLD_FEN_DEFAULT, SubsidyRules.RATE_BPS_DEFAULT,
            SubsidyRules.CAP_FEN_DEFAULT, years, SubsidyRules.kinds(kinds));
    }

    private static List<SubsidyRow> rows(final SubsidyBook book, final boolean... local)
    {
        return book.rows(p -> "P" + p, p -> local[p]);
    }

    @Test
    void thresholdIsExceededStrictlyAndTheRateFloorsToTheFen()
    {
        final SubsidyBook book = new SubsidyBook(SubsidyRules.defaults());
        book.purchase(0, 9, null, null, Codes.ProductKind.DATA, 2026, 499_999_999L);
        book.purchase(1, 9, null, null, Codes.ProductKind.DATA, 2026, 500_000_000L);
        book.purchase(2, 9, null, null, Codes.ProductKind.DATA, 2026, 500_000_199L);
        book.purchase(3, 9, null, null, Codes.ProductKind.DATA, 2026, 900_000_000L);
        book.purchase(4, 9, null, null, Codes.ProductKind.DATA, 2026, 12_000_000_000L);
        final List<SubsidyRow> rows = rows(book, true, true, true, false, true);
        assertEquals(SubsidyRow.Decision.BELOW_THRESHOLD, rows.get(0).decision());
        assertEquals(SubsidyRow.Decision.BELOW_THRESHOLD, rows.get(1).decision(), "at the threshold: not above");
        assertEquals(0, rows.get(1).subsidyFen());
        assertEquals(SubsidyRow.Decision.GRANTED, rows.get(2).decision());
        assertEquals(5_000_001L, rows.get(2).subsidyFen(), "1 % of 5,000,001.99 floored to the fen");
        assertEquals(SubsidyRow.Decision.NOT_LOCAL_TAXPAYER, rows.get(3).decision());
        assertEquals(0, rows.get(3).subsidyFen());
        assertEquals(-1, rows.get(3).periodFirstYear());
        assertEquals(SubsidyRow.Decision.CAPPED, rows.get(4).decision());
        assertEquals(SubsidyRules.CAP_FEN_DEFAULT, rows.get(4).subsidyFen(), "1 % of ¥120,000,000 capped at ¥1,000,000");
    }

    @Test
    void earnedAmountIsExactForAnyPurchaseAmount()
    {
        final SubsidyRules rules = SubsidyRules.defaults();
        for (final long fen : new long[]{0, 1, 99, 100, 9_999, 10_001, 123_456_789_012L, Long.MAX_VALUE})
        {
            final long expected = BigInteger.valueOf(fen).multiply(BigInteger.valueOf(100))
                .divide(BigInteger.valueOf(10_000)).longValueExact();
            assertEquals(expected, rules.earnedFen(fen), "fen " + fen);
        }
    }

    @Test
    void supportLastsOneYearFromTheFirstQualifyingYear() throws Exception
    {
        final Path journal = threeYearsOfPurchases();
        final Path out = dir.resolve("out");
        SettlementRun.run(ctx(journal, out.resolve("state")), out);
        final JsonNode rows = json(out.resolve("subsidies.json"));
        assertEquals(4, rows.size());
        // 2026: ¥4,000,000, below the threshold: the support period has not started
        assertRow(rows.get(0), "LOCAL", 2026, "4000000.00", "0.00", "below_threshold");
        // 2027: the first qualifying year: 1 % of ¥6,000,000
        assertRow(rows.get(1), "LOCAL", 2027, "6000000.00", "60000.00", "granted");
        assertEquals(2027, rows.get(1).get("period").get("from").asInt());
        assertEquals(2027, rows.get(1).get("period").get("to").asInt());
        // 2028: above the threshold again, but the year of support is over (before: ¥800,000 more)
        assertRow(rows.get(2), "LOCAL", 2028, "80000000.00", "0.00", "period_ended");
        assertTrue(rows.get(2).get("reason").asText().contains("2027"), rows.get(2).toString());
        assertEquals("60000.00", rows.get(2).get("paidBefore").asText());
        assertRow(rows.get(3), "OTHER", 2026, "6000000.00", "0.00", "not_local_taxpayer");
        assertTrue(rows.get(3).get("period").isNull());
    }

    @Test
    void theSupportPeriodIsASetting() throws Exception
    {
        final Path journal = threeYearsOfPurchases();
        final Path out = dir.resolve("out");
        SettlementRun.run(ctx(journal, out.resolve("state")).subsidyRules(rules(2, "data,algorithm,compute")), out);
        final JsonNode rows = json(out.resolve("subsidies.json"));
        assertRow(rows.get(1), "LOCAL", 2027, "6000000.00", "60000.00", "granted");
        // 1 % of ¥80,000,000 is ¥800,000; within a two-year period, under the ¥940,000 left of the cap
        assertRow(rows.get(2), "LOCAL", 2028, "80000000.00", "800000.00", "granted");
        assertEquals(2028, rows.get(2).get("period").get("to").asInt());
        assertEquals(2, rows.get(2).get("rule").get("years").asInt());
    }

    /** LOCAL buys ¥4M in 2026, ¥6M in 2027, ¥80M in 2028; OTHER (not a local taxpayer) ¥6M in 2026. */
    private Path threeYearsOfPurchases()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int local = f.participant("LOCAL", Codes.Role.BUYER, true);
            final int other = f.participant("OTHER", Codes.Role.BUYER, false);
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.inventory(seller, data, 1_000_000);
            f.deposit(local, 100_000_000_000L, 100_000_000_000L, 0);
            f.deposit(other, 100_000_000_000L, 100_000_000_000L, 0);
            f.cross(seller, local, data, 40_000_000L, 10);
            f.cross(seller, other, data, 60_000_000L, 10);
            f.time(YEAR_2027_NS + DAY_NS);
            f.cross(seller, local, data, 60_000_000L, 10);
            f.time(YEAR_2028_NS + DAY_NS);
            f.cross(seller, local, data, 800_000_000L, 10);
        }
        return journal;
    }

    @Test
    void theProductKindsThatCountAreASetting() throws Exception
    {
        final long start = T0_NS + 2 * DAY_NS;
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int provider = f.participant("PROV", Codes.Role.COMPUTE_PROVIDER, false);
            final int local = f.participant("LOCAL", Codes.Role.BUYER, true);
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            final int gpu = f.computeProduct("GPU1", start, start + 4 * HOUR_NS);
            f.inventory(seller, data, 1_000);
            f.capacity(provider, gpu, 4, "n1");
            f.deposit(local, 100_000_000_000L, 100_000_000_000L, 0);
            f.cross(seller, local, data, 1_000_000 * YUAN, 3);  // ¥3,000,000 of data
            f.cross(provider, local, gpu, 1_000_000 * YUAN, 3); // ¥3,000,000 of compute
        }
        // Default: data, algorithm and compute all count: ¥6,000,000 qualifies
        final Path all = dir.resolve("all");
        SettlementRun.run(ctx(journal, all.resolve("state")), all);
        final JsonNode counted = json(all.resolve("subsidies.json")).get(0);
        assertRow(counted, "LOCAL", 2026, "6000000.00", "60000.00", "granted");
        assertEquals("0.00", counted.get("excluded").get("productKinds").asText());
        assertEquals("[\"data\",\"compute\",\"algorithm\"]", counted.get("rule").get("kinds").toString());

        // Compute left out: only ¥3,000,000 qualifies, below the threshold
        final Path dataOnly = dir.resolve("data-only");
        SettlementRun.run(ctx(journal, dataOnly.resolve("state")).subsidyRules(rules(1, "data,algorithm")), dataOnly);
        final JsonNode row = json(dataOnly.resolve("subsidies.json")).get(0);
        assertRow(row, "LOCAL", 2026, "3000000.00", "0.00", "below_threshold");
        assertEquals("6000000.00", row.get("bought").asText());
        assertEquals("3000000.00", row.get("excluded").get("productKinds").asText());
        assertEquals("[\"data\",\"algorithm\"]", row.get("rule").get("kinds").toString());
    }

    @Test
    void purchasesFromOneselfOrALinkedParticipantDoNotCount()
    {
        final SubsidyBook book = new SubsidyBook(SubsidyRules.defaults());
        // buyer 0 in group G, seller 1 in G (linked), seller 2 in H, seller 3 in none, buyer 0 itself
        book.purchase(0, 1, "G", "G", Codes.ProductKind.DATA, 2026, 400_000_000L);
        book.purchase(0, 2, "G", "H", Codes.ProductKind.DATA, 2026, 300_000_000L);
        book.purchase(0, 3, "G", null, Codes.ProductKind.ALGORITHM, 2026, 100_000_000L);
        book.purchase(0, 0, "G", "G", Codes.ProductKind.DATA, 2026, 900_000_000L);
        // no group on either side: never linked
        book.purchase(1, 3, null, null, Codes.ProductKind.DATA, 2026, 600_000_000L);
        book.purchase(1, 4, "", "", Codes.ProductKind.DATA, 2026, 1_000L);
        final List<SubsidyRow> rows = rows(book, true, true);
        final SubsidyRow r = rows.get(0);
        assertEquals(400_000_000L, r.qualifyingFen(), "only the unlinked sellers' ¥4,000,000 counts");
        assertEquals(400_000_000L, r.linkedFen());
        assertEquals(900_000_000L, r.selfTradeFen());
        assertEquals(1_700_000_000L, r.boughtFen());
        assertEquals(SubsidyRow.Decision.BELOW_THRESHOLD, r.decision(), "linked purchases would have lifted it");
        assertEquals(600_001_000L, rows.get(1).qualifyingFen());
        assertEquals(0, rows.get(1).linkedFen());
        assertEquals(SubsidyRow.Decision.GRANTED, rows.get(1).decision());
    }

    @Test
    void theCapIsCumulativeOverTheSupportPeriod()
    {
        final SubsidyBook book = new SubsidyBook(rules(3, "data"));
        book.purchase(0, 1, null, null, Codes.ProductKind.DATA, 2026, 8_000_000_000L); // ¥800,000
        book.purchase(0, 1, null, null, Codes.ProductKind.DATA, 2027, 6_000_000_000L); // ¥600,000 -> ¥200,000
        book.purchase(0, 1, null, null, Codes.ProductKind.DATA, 2028, 6_000_000_000L); // nothing left
        book.purchase(0, 1, null, null, Codes.ProductKind.DATA, 2029, 6_000_000_000L); // after the period
        final List<SubsidyRow> rows = rows(book, true, true);
        assertEquals(80_000_000L, rows.get(0).subsidyFen());
        assertEquals(SubsidyRow.Decision.CAPPED, rows.get(1).decision());
        assertEquals(20_000_000L, rows.get(1).subsidyFen());
        assertEquals(SubsidyRow.Decision.CAP_REACHED, rows.get(2).decision());
        assertEquals(SubsidyRow.Decision.PERIOD_ENDED, rows.get(3).decision());
        assertEquals(2028, rows.get(3).periodLastYear());
        long paid = 0;
        for (final SubsidyRow row : rows)
        {
            assertEquals(paid, row.paidBeforeFen());
            paid += row.subsidyFen();
        }
        assertEquals(SubsidyRules.CAP_FEN_DEFAULT, paid);
    }

    @Test
    void badSettingsAreRefusedByName()
    {
        final IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
            () -> SubsidyRules.kinds("data,bogus"));
        assertTrue(kind.getMessage().contains("'bogus'"), kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rules(0, "data"));
        System.setProperty(SubsidyRules.THRESHOLD_PROP_NAME, "12.345");
        try
        {
            final IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class,
                SubsidyRules::fromSystemProperties);
            assertTrue(threshold.getMessage().contains(SubsidyRules.THRESHOLD_PROP_NAME), threshold.getMessage());
            System.setProperty(SubsidyRules.THRESHOLD_PROP_NAME, "100.50");
            System.setProperty(SubsidyRules.KINDS_PROP_NAME, "algorithm");
            final SubsidyRules rules = SubsidyRules.fromSystemProperties();
            assertEquals(10_050L, rules.thresholdFen());
            assertTrue(rules.counts(Codes.ProductKind.ALGORITHM));
            assertFalse(rules.counts(Codes.ProductKind.DATA));
        }
        finally
        {
            System.clearProperty(SubsidyRules.THRESHOLD_PROP_NAME);
            System.clearProperty(SubsidyRules.KINDS_PROP_NAME);
        }
    }

    @Test
    void aCheckpointOfAnotherFormatIsRefused() throws Exception
    {
        final SubsidyStage stage = new SubsidyStage(ctx(dir, dir).conclude());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stage.writeSnapshot(new DataOutputStream(bytes));
        stage.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        final byte[] old = bytes.toByteArray();
        old[0] = 0; // an earlier format started with the participant count
        old[1] = 0;
        old[2] = 0;
        old[3] = 3;
        final IOException ex = assertThrows(IOException.class,
            () -> stage.readSnapshot(new DataInputStream(new ByteArrayInputStream(old))));
        assertTrue(ex.getMessage().contains("another format"), ex.getMessage());
    }

    private static void assertRow(
        final JsonNode row, final String participant, final int year, final String purchases, final String subsidy,
        final String decision)
    {
        assertEquals(participant, row.get("participant").asText(), row.toString());
        assertEquals(year, row.get("year").asInt(), row.toString());
        assertEquals(purchases, row.get("purchases").asText(), row.toString());
        assertEquals(subsidy, row.get("subsidy").asText(), row.toString());
        assertEquals(decision, row.get("decision").asText(), row.toString());
        assertFalse(row.get("reason").asText().isEmpty(), row.toString());
        assertTrue(row.has("excluded") && row.has("rule") && row.has("period"), row.toString());
    }
}
