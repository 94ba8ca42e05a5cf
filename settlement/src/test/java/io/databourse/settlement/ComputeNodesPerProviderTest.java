package io.databourse.settlement;

import static io.databourse.testsupport.JournalFixture.DAY_NS;
import static io.databourse.testsupport.JournalFixture.HOUR_NS;
import static io.databourse.testsupport.JournalFixture.T0_NS;
import static io.databourse.settlement.SettlementTestSupport.json;
import static io.databourse.settlement.SettlementTestSupport.run;
import static io.databourse.settlement.SettlementTestSupport.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.compute.ComputeSchedule;
import io.databourse.settlement.compute.ComputeScheduleException;
import io.databourse.settlement.ref.ReferenceData;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, hole 1: a node name is unique only within its provider (the matcher keys nodes per
 * provider). Two providers that both call a machine {@code gy1-n01} used to crash the compute stage
 * ("trade 1 sells 4 node-hours of GPU1 but the seller owns 0"), so no output was written. A
 * registration the matcher would have refused (one provider's node in overlapping windows) or whose
 * node-hours disagree with window x nodes fails the stage, naming the record, as the ledger's and the
 * entitlement book's disagreements do.
 */
class ComputeNodesPerProviderTest
{
    @TempDir
    Path dir;

    @Test
    void twoProvidersMayNameANodeAlikeAndBothSellTheirHours() throws Exception
    {
        final long start = T0_NS + 2 * DAY_NS;
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int pa = f.participant("PA", Codes.Role.COMPUTE_PROVIDER, false);
            final int pb = f.participant("PB", Codes.Role.COMPUTE_PROVIDER, false);
            final int buyer = f.participant("B1");
            final int gpu = f.computeProduct("GPU1", start, start + 4 * HOUR_NS);
            f.capacity(pa, gpu, 4, "gy1-n01");
            f.capacity(pb, gpu, 4, "gy1-n01");
            f.deposit(buyer, 10_000_000, 10_000_000, 0);
            f.cross(pb, buyer, gpu, 1_000, 4); // PB's machine: today "the seller owns 0"
            f.cross(pa, buyer, gpu, 1_000, 3);
        }
        final SettlementPipeline p = settle(journal, dir.resolve("state"));
        final ComputeSchedule schedule = p.computeScheduler().schedule();
        final ComputeSchedule.Window w = schedule.window(0);
        assertEquals(2, w.nodeCount());
        assertEquals(8, w.slotCount());
        assertEquals(7, w.ownedBy(2));
        assertEquals(1, w.ownedBy(0));
        assertEquals(0, w.ownedBy(1));
        assertEquals(p.ledger().ledger().holding(2, 0), w.ownedBy(2), "the ledger and the schedule agree");

        final Path out = dir.resolve("out");
        run(journal, out);
        final JsonNode rows = json(out.resolve("schedule.json"));
        assertEquals(7, rows.size());
        final Set<String> slots = new HashSet<>();
        int fromPb = 0;
        for (final JsonNode r : rows)
        {
            assertEquals("gy1-n01", r.get("node").asText());
            assertEquals("B1", r.get("buyer").asText());
            assertTrue(slots.add(r.get("provider").asText() + "/" + r.get("node").asText() + "@" +
                r.get("windowStart").asText()), "node-hour allocated twice: " + r);
            fromPb += "PB".equals(r.get("provider").asText()) ? 1 : 0;
        }
        assertEquals(4, fromPb);
        final JsonNode summary = json(out.resolve("summary.json"));
        assertEquals(2, summary.get("certificates").asLong());
    }

    @Test
    void oneProvidersNodeInOverlappingWindowsFailsTheStage()
    {
        final long start = T0_NS + 2 * DAY_NS;
        final Path journal = dir.resolve("journal");
        final long conflicting;
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int pa = f.participant("PA", Codes.Role.COMPUTE_PROVIDER, false);
            final int pb = f.participant("PB", Codes.Role.COMPUTE_PROVIDER, false);
            final int early = f.computeProduct("GPU-EARLY", start, start + 4 * HOUR_NS);
            final int late = f.computeProduct("GPU-LATE", start + 2 * HOUR_NS, start + 6 * HOUR_NS);
            f.capacity(pa, early, 4, "gy1-n01");
            f.capacity(pb, late, 4, "gy1-n01"); // another provider's machine: no conflict
            f.capacity(pa, late, 4, "gy1-n01"); // the same machine twice at once: the matcher refuses it
            conflicting = f.seq();
        }
        assertRefused(journal, conflicting,
            "PA's node gy1-n01 registered for GPU-LATE is already registered for GPU-EARLY");
    }

    @Test
    void aRegistrationOfOtherThanWindowHoursTimesNodesFailsTheStage()
    {
        final long start = T0_NS + 2 * DAY_NS;
        final Path journal = dir.resolve("journal");
        final long mismatched;
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int pa = f.participant("PA", Codes.Role.COMPUTE_PROVIDER, false);
            final int gpu = f.computeProduct("GPU1", start, start + 4 * HOUR_NS);
            f.capacity(pa, gpu, 3, "gy1-n01", "gy1-n02"); // the event says 6 node-hours; 2 nodes x 4 hours are 8
            mismatched = f.seq();
        }
        assertRefused(journal, mismatched,
            "PA registers 6 node-hours of GPU1 by the matcher, 2 nodes x 4 hours by the schedule");
    }

    @Test
    void aCheckpointOfTheFormatThatCountedDisagreementsIsRefused() throws Exception
    {
        final ComputeSchedule schedule = new ComputeSchedule(new ReferenceData(4, 4), 100);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        schedule.writeSnapshot(new DataOutputStream(bytes));
        schedule.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        final ByteArrayOutputStream old = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(old);
        out.writeLong(0); // the earlier format began with the conflicts and capacity-mismatch counters
        out.writeLong(0);
        out.writeInt(0);
        final IOException ex = assertThrows(IOException.class,
            () -> schedule.readSnapshot(new DataInputStream(new ByteArrayInputStream(old.toByteArray()))));
        assertTrue(ex.getMessage().contains("compute checkpoint of another format"), ex.getMessage());
    }

    /** Settling the journal fails the compute stage at record {@code seq}, saying {@code why}. */
    private void assertRefused(final Path journal, final long seq, final String why)
    {
        final String refused = assertInstanceOf(ComputeScheduleException.class,
            SettlementTestSupport.refusal(journal, dir.resolve("state"))).getMessage();
        assertTrue(refused.startsWith("record " + seq + ": "), refused);
        assertTrue(refused.contains(why), refused);
    }
}
