package io.databourse.settlement;

import static io.databourse.testsupport.JournalFixture.DAY_NS;
import static io.databourse.testsupport.JournalFixture.T0_NS;
import static io.databourse.settlement.SettlementTestSupport.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.databourse.settlement.entitlement.EntitlementBook;
import io.databourse.settlement.entitlement.EntitlementException;
import io.databourse.journal.schema.Codes;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entitlement book posts the draws the matcher journaled (entitlement_drawn), never its own
 * choice, and fails on a usage report or a resale its draws do not make up.
 */
class EntitlementDrawsTest
{
    private static final long FIRST_EXPIRY = T0_NS + 30 * DAY_NS;
    private static final long SECOND_EXPIRY = T0_NS + 40 * DAY_NS;

    @TempDir
    Path dir;

    /** B holds 200 units expiring first (entitlement 0) and 100 expiring later (entitlement 1). */
    private static int[] twoEntitlements(final JournalFixture f)
    {
        final int seller = f.participant("S");
        final int buyer = f.participant("B");
        final int custodian = f.participant("CUST1");
        final int data = f.product("DATA1", Codes.ProductKind.DATA, 10, 100, 30, Codes.DeliveryMode.API);
        f.inventory(seller, data, 1_000);
        f.deposit(buyer, 10_000_000, 10_000_000, 0);
        f.cross(seller, buyer, data, 100, 20);
        f.time(T0_NS + 10 * DAY_NS);
        f.cross(seller, buyer, data, 100, 10);
        return new int[] {custodian, buyer, data};
    }

    @Test
    void theBookPostsTheDrawsOnTheEventsNotItsOwnChoice()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int[] cbd = twoEntitlements(f);
            // the events say: 30 units from the later entitlement, then 20 from the earlier one. The rule
            // (earliest expiry first) would draw all 50 from the first: the book must post the events.
            f.usageDrawing("u1", cbd[0], cbd[1], cbd[2], 50, 250,
                new long[] {30, SECOND_EXPIRY}, new long[] {20, FIRST_EXPIRY});
        }
        final EntitlementBook book = settle(journal, dir.resolve("state")).entitlements().book();
        assertEquals(2, book.count());
        assertEquals(FIRST_EXPIRY, book.expiresNs(0));
        assertEquals(200 - 20, book.remaining(0), "the first entitlement gave the 20 units its event drew");
        assertEquals(100 - 30, book.remaining(1), "the second gave the 30 units its event drew");
        assertEquals(250, book.usage().get(0).remaining(), "what the usage event says is left, as the book holds it");
        assertEquals(50, book.usage().get(0).units());
    }

    @Test
    void theBookPostsTheGrantOnTheEventNotTheProductsTerms()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 10, 100, 30, Codes.DeliveryMode.API);
            f.inventory(seller, data, 1_000);
            f.deposit(buyer, 10_000_000, 10_000_000, 0);
            // the terms would grant 2 lots x 100 = 200 units expiring T0 + 30 days; the event says 777 at T0 + 5 days
            f.nextGrantSays(777, T0_NS + 5 * DAY_NS);
            f.cross(seller, buyer, data, 100, 20);
        }
        final EntitlementBook book = settle(journal, dir.resolve("state")).entitlements().book();
        assertEquals(1, book.count());
        assertEquals(777, book.units(0));
        assertEquals(777, book.remaining(0));
        assertEquals(T0_NS + 5 * DAY_NS, book.expiresNs(0));
    }

    @Test
    void aResaleHandsOnWhatWasDrawnFromTheReseller()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int[] cbd = twoEntitlements(f);
            final int other = f.participant("C");
            f.deposit(other, 10_000_000, 10_000_000, 0);
            f.usage("u1", cbd[0], cbd[1], cbd[2], 50, 250); // 50 of the first expiry
            f.cross(cbd[1], other, cbd[2], 100, 20); // 200 units: the 150 left of the first expiry, 50 of the second
        }
        final EntitlementBook book = settle(journal, dir.resolve("state")).entitlements().book();
        assertEquals(4, book.count());
        assertEquals(0, book.remaining(0));
        assertEquals(50, book.remaining(1));
        assertEquals(150, book.units(2));
        assertEquals(FIRST_EXPIRY, book.expiresNs(2));
        assertEquals(50, book.units(3));
        assertEquals(SECOND_EXPIRY, book.expiresNs(3));
        assertEquals(200, book.resoldUnits());
    }

    @Test
    void aResaleHandingOnMoreThanItDrewFailsTheStage()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int[] cbd = twoEntitlements(f);
            final int other = f.participant("C");
            f.deposit(other, 10_000_000, 10_000_000, 0);
            f.nextResaleGrantsMoreThanDrawn(5);
            f.cross(cbd[1], other, cbd[2], 100, 10); // draws 100 units of the first expiry, the grant says 105
        }
        final EntitlementException refused = refusal(journal);
        assertTrue(refused.getMessage().contains("hands on 105 units of DATA1"), refused.getMessage());
        assertTrue(refused.getMessage().contains("but drew 100 units"), refused.getMessage());
    }

    @Test
    void aUsageReportItsDrawsDoNotMakeUpFailsTheStage()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int[] cbd = twoEntitlements(f);
            f.usageDrawing("u1", cbd[0], cbd[1], cbd[2], 60, 240, new long[] {50, FIRST_EXPIRY});
        }
        final EntitlementException refused = refusal(journal);
        assertTrue(refused.getMessage().contains("usage u1 reports 60 units"), refused.getMessage());
    }

    @Test
    void aUsageReportLeavingOtherThanTheBookHoldsFailsTheStage()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int[] cbd = twoEntitlements(f);
            f.usageDrawing("u1", cbd[0], cbd[1], cbd[2], 50, 251, new long[] {50, FIRST_EXPIRY});
        }
        final EntitlementException refused = refusal(journal);
        assertTrue(refused.getMessage().contains("leaves 251 units by the matcher, 250 by the book"), refused.getMessage());
    }

    @Test
    void aDrawOfUnitsTheHolderDoesNotHoldFailsTheStage()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int[] cbd = twoEntitlements(f);
            f.usageDrawing("u1", cbd[0], cbd[1], cbd[2], 150, 150, new long[] {150, SECOND_EXPIRY});
        }
        final EntitlementException refused = refusal(journal);
        assertTrue(refused.getMessage().contains("holds 100 units of DATA1"), refused.getMessage());
    }

    private EntitlementException refusal(final Path journal)
    {
        return assertInstanceOf(EntitlementException.class, SettlementTestSupport.refusal(journal, dir.resolve("state")));
    }
}
