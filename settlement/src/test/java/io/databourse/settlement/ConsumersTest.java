package io.databourse.settlement;

import static io.databourse.testsupport.JournalFixture.DAY_NS;
import static io.databourse.testsupport.JournalFixture.HOUR_NS;
import static io.databourse.testsupport.JournalFixture.T0_NS;
import static io.databourse.settlement.SettlementTestSupport.json;
import static io.databourse.settlement.SettlementTestSupport.run;
import static io.databourse.settlement.SettlementTestSupport.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.RejectReason;
import io.databourse.settlement.compute.ComputeSchedule;
import io.databourse.settlement.entitlement.EntitlementBook;
import io.databourse.settlement.position.PositionView;
import io.databourse.settlement.position.PositionsStage;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumersTest
{
    @TempDir
    Path dir;

    @Test
    void buyFillGrantsEntitlementAndUsageDrawsEarliestExpiringFirst() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int custodian = f.participant("CUST1");
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 10, 100, 30, Codes.DeliveryMode.SANDBOX_ONLY);
            f.inventory(seller, data, 1_000);
            f.deposit(buyer, 10_000_000, 10_000_000, 0);
            f.cross(seller, buyer, data, 100, 20); // 2 lots x 100 = 200 units, expires T0 + 30 days
            f.time(T0_NS + 10 * DAY_NS);
            f.cross(seller, buyer, data, 100, 10); // 100 units, expires T0 + 40 days
            f.usage("u1", custodian, buyer, data, 250, 50);
            f.usageRejected("u2", "CUST1", "B", "DATA1", 500, buyer, RejectReason.USAGE_EXCEEDS_QUOTA.code());
        }
        final SettlementPipeline p = settle(journal, dir.resolve("state"));
        final EntitlementBook book = p.entitlements().book();
        assertEquals(2, book.count());
        assertEquals(200, book.units(0));
        assertEquals(0, book.remaining(0));
        assertEquals(50, book.remaining(1));
        assertEquals(T0_NS + 30 * DAY_NS, book.expiresNs(0));
        assertEquals(2, book.usage().size());
        assertEquals("USAGE_EXCEEDS_QUOTA", book.usage().get(1).refusal());
        assertEquals("u2", book.usage().get(1).usageId());

        final Path out = dir.resolve("out");
        run(journal, out);
        final JsonNode entitlements = json(out.resolve("entitlements.json"));
        assertEquals(2, entitlements.size());
        final JsonNode e0 = entitlements.get(0);
        assertEquals("B", e0.get("participant").asText());
        assertEquals("DATA1", e0.get("product").asText());
        assertEquals(200, e0.get("units").asLong());
        assertEquals(0, e0.get("remaining").asLong());
        assertEquals("2026-03-31T10:00:00Z", e0.get("expires").asText());
        assertTrue(e0.get("sandboxOnly").asBoolean());
        final JsonNode usage = json(out.resolve("usage.json"));
        assertEquals("rejected", usage.get(1).get("status").asText());
        assertEquals("u2", usage.get(1).get("id").asText());
    }

    @Test
    void resaleMovesUnusedUnitsFromTheSellersEntitlement()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int supplier = f.participant("S");
            final int first = f.participant("B");
            final int second = f.participant("C");
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 10, 100, 30, Codes.DeliveryMode.API);
            f.inventory(supplier, data, 1_000);
            f.deposit(first, 1_000_000, 1_000_000, 0);
            f.deposit(second, 1_000_000, 1_000_000, 0);
            f.cross(supplier, first, data, 100, 20); // B: 200 units
            f.usage("u1", supplier, first, data, 30, 170);
            f.cross(first, second, data, 100, 10); // B resells one lot: 100 units leave B, C gets 100
        }
        final EntitlementBook book = settle(journal, dir.resolve("state")).entitlements().book();
        assertEquals(70, book.remaining(0));
        assertEquals(100, book.remaining(1));
        assertEquals(2, book.participant(1));
        assertEquals(100, book.resoldUnits());
    }

    @Test
    void usageAfterExpiryDrawsOnlyUnexpiredEntitlements()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int data = f.product("DATA1", Codes.ProductKind.ALGORITHM, 1, 10, 5, Codes.DeliveryMode.API);
            f.inventory(seller, data, 100);
            f.deposit(buyer, 1_000_000, 1_000_000, 0);
            f.cross(seller, buyer, data, 100, 1); // 10 units, expires T0 + 5 days
            f.time(T0_NS + 3 * DAY_NS);
            f.cross(seller, buyer, data, 100, 1); // 10 units, expires T0 + 8 days
            f.time(T0_NS + 6 * DAY_NS);
            f.usage("u1", seller, buyer, data, 4, 6);
        }
        final EntitlementBook book = settle(journal, dir.resolve("state")).entitlements().book();
        assertEquals(10, book.remaining(0)); // expired, untouched
        assertEquals(6, book.remaining(1));
    }

    @Test
    void computeFillsBecomeNodeHoursNeverAllocatedTwice() throws Exception
    {
        final long start = T0_NS + 2 * DAY_NS;
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int provider = f.participant("PROV", Codes.Role.COMPUTE_PROVIDER, false);
            final int b1 = f.participant("B1");
            final int b2 = f.participant("B2");
            final int gpu = f.computeProduct("GPU-A100-W1", start, start + 4 * HOUR_NS);
            f.capacity(provider, gpu, 4, "n1", "n2", "n3");
            f.deposit(b1, 10_000_000, 10_000_000, 0);
            f.deposit(b2, 10_000_000, 10_000_000, 0);
            f.cross(provider, b1, gpu, 1_000, 6);
            f.cross(provider, b2, gpu, 1_000, 5);
            f.cross(b1, b2, gpu, 1_000, 2); // a resale moves b1's hours to b2
        }
        final SettlementPipeline p = settle(journal, dir.resolve("state"));
        final ComputeSchedule.Window w = p.computeScheduler().schedule().window(0);
        assertEquals(12, w.slotCount());
        int provider = 0;
        int b1 = 0;
        int b2 = 0;
        for (int k = 0; k < w.nodeCount(); k++)
        {
            for (int h = 0; h < w.hours(); h++)
            {
                final int owner = w.owner(k, h);
                provider += owner == 0 ? 1 : 0;
                b1 += owner == 1 ? 1 : 0;
                b2 += owner == 2 ? 1 : 0;
            }
        }
        // Conservation: 12 registered = 1 unsold + 4 (b1) + 7 (b2); ledger agrees.
        assertEquals(1, provider);
        assertEquals(4, b1);
        assertEquals(7, b2);
        assertEquals(p.ledger().ledger().holding(1, 0), b1);
        assertEquals(p.ledger().ledger().holding(2, 0), b2);
        // the published allocations (what the web console shows) cover the same hours, in runs per node
        for (final String[] holder : new String[][]{{"B1", "4"}, {"B2", "7"}, {"PROV", "0"}})
        {
            long hours = 0;
            for (final io.databourse.settlement.compute.ComputeSchedulerStage.Allocation a :
                p.computeScheduler().allocationsOf(holder[0]))
            {
                assertEquals("PROV", a.provider());
                assertEquals("GPU-A100-W1", a.product());
                assertTrue(a.startNs() >= start && a.endNs() <= start + 4 * HOUR_NS && a.endNs() > a.startNs());
                hours += (a.endNs() - a.startNs()) / HOUR_NS;
            }
            assertEquals(Long.parseLong(holder[1]), hours, holder[0] + "'s allocated node-hours");
        }

        final Path out = dir.resolve("out");
        run(journal, out);
        final JsonNode schedule = json(out.resolve("schedule.json"));
        assertEquals(11, schedule.size());
        final Set<String> slots = new HashSet<>();
        for (final JsonNode s : schedule)
        {
            assertTrue(slots.add(s.get("node").asText() + "@" + s.get("windowStart").asText()), "allocated twice");
            assertEquals("GPU-A100-W1", s.get("product").asText());
            assertTrue(s.has("buyer") && s.has("windowEnd"));
        }
        final JsonNode handoffs = json(out.resolve("handoffs.json"));
        int provisions = 0;
        int deprovisions = 0;
        for (final JsonNode h : handoffs)
        {
            provisions += "provision".equals(h.get("action").asText()) ? 1 : 0;
            deprovisions += "deprovision".equals(h.get("action").asText()) ? 1 : 0;
        }
        assertEquals(provisions, deprovisions);
        assertTrue(provisions >= 3);
        assertEquals("2026-03-03T10:00:00Z", handoffs.get(0).get("time").asText());
    }

    @Test
    void pledgeCollateralUsesTheIndexMarkAndHaircut() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int borrower = f.participant("P2");
            final int bank = f.participant("BANK1");
            f.participant("RISK", Codes.Role.RISK_OFFICER, false);
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.inventory(seller, data, 100);
            f.deposit(borrower, 1_000_000, 1_000_000, 0);
            f.cross(seller, borrower, data, 1_000, 10);
            f.cross(seller, borrower, data, 1_000, 5);
            f.cross(seller, borrower, data, 1_000, 5); // third trade: the mark is the window VWAP, 10.00
            f.pledge("pl1", bank, borrower, data, 10, 4_000, true);
            f.cross(seller, borrower, data, 1_250, 1); // one print at 12.50 moves the mark to 21250 / 21 = 10.11
            f.pledge("pl2", bank, borrower, data, 5, 5_000, true);
            f.pledge("pl2", bank, borrower, data, 5, 5_000, false);
        }
        final SettlementPipeline p = settle(journal, dir.resolve("state"));
        final PositionView v = p.positions().view("P2");
        assertEquals(2, v.pledges().size());
        // 10 x 10.11 x 0.60 = 60.66 (the last print, 12.50, would give 75.00); pl2 released, not counted
        assertEquals(6_066, v.pledgedCollateralFen());
        assertEquals(1_011, v.pledges().get(0).priceFen());
        assertEquals("vwap", v.pledges().get(0).markBasis());
        assertEquals(6_000, v.pledges().get(0).coverFen(), "the collateral value at registration: 10 x 10.00 x 0.60");
        assertTrue(v.pledges().get(0).active());
        assertFalse(v.pledges().get(0).marginCall());
        assertFalse(v.pledges().get(1).active());
        assertEquals(21, v.holdings().get(0).qty());
        assertEquals(1_011, v.holdings().get(0).markPriceFen());
        assertEquals(1_000_000 - 20_000 - 1_250 + 21 * 1_011, v.markToMarketFen());
        assertEquals(6_066, io.databourse.settlement.position.Collateral.valueFen(10, 1_011, 4_000));
        assertNull(p.positions().view("NOBODY"));
        // A participant sees only its own position, a risk officer every one, a stranger none.
        assertEquals(List.of("P2"), p.positions().visibleTo("P2").stream().map(PositionView::participant).toList());
        assertEquals(0, p.positions().visibleTo("NOBODY").size());
        assertEquals(4, p.positions().visibleTo("RISK").size());

        final Path out = dir.resolve("out");
        run(journal, out);
        final JsonNode pledges = json(out.resolve("pledges.json"));
        assertEquals("pl1", pledges.get(0).get("id").asText());
        assertEquals("60.66", pledges.get(0).get("collateralValue").asText());
        assertEquals("10.11", pledges.get(0).get("price").asText());
        assertEquals("vwap", pledges.get(0).get("markBasis").asText());
        assertEquals("60.00", pledges.get(0).get("cover").asText());
        assertEquals("6.00", pledges.get(0).get("coverPrice").asText());
        assertEquals(false, pledges.get(0).get("marginCall").asBoolean());
        assertEquals("0.4000", pledges.get(0).get("haircut").asText());
        assertEquals("released", pledges.get(1).get("status").asText());
    }

    @Test
    void liveTailPicksUpRecordsAppendedWhileRunning() throws Exception
    {
        final Path journal = dir.resolve("journal");
        // Started before the matcher has created its journal: the tailer waits for it.
        final SettlementPipeline live = new SettlementPipeline(
            SettlementTestSupport.ctx(journal, dir.resolve("state")).batch(false).conclude()).start();
        final JournalFixture f = new JournalFixture(journal);
        final int seller = f.participant("S");
        final int buyer = f.participant("B");
        final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
        f.inventory(seller, data, 100);
        f.deposit(buyer, 1_000_000, 1_000_000, 0);
        f.cross(seller, buyer, data, 100, 3);
        final long lastSeq = f.seq();
        f.close();
        // Wait (bounded) for the positions view to reach the last record; no timing is asserted.
        for (int i = 0; i < 10_000 && (null == live.positions().view("B") || live.positions().view("B").seq() < lastSeq);
            i++)
        {
            Thread.sleep(1);
        }
        live.close();
        assertEquals(lastSeq, live.positions().view("B").seq());
        assertEquals(1_000_000 - 300, live.ledger().ledger().available(1));
        assertEquals(1, live.certificates().certificateCount());
    }
}
