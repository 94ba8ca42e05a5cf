package io.databourse.settlement;

import static io.databourse.testsupport.JournalFixture.DAY_NS;
import static io.databourse.testsupport.JournalFixture.HOUR_NS;
import static io.databourse.testsupport.JournalFixture.T0_NS;
import static io.databourse.settlement.SettlementTestSupport.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ref.ReferenceData;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference data a settlement stage keeps survives its checkpoint; an earlier format is refused. */
class ReferenceDataTest
{
    @TempDir
    Path dir;

    @Test
    void aSnapshotKeepsWhatTheStagesRead() throws IOException
    {
        final long start = T0_NS + 2 * DAY_NS;
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            f.participant("P1", Codes.Role.BUYER, true, "G1");
            f.participant("P2");
            f.product("D1", Codes.ProductKind.DATA, 10, 100, 30, Codes.DeliveryMode.SANDBOX_ONLY);
            f.computeProduct("GPU1", start, start + 4 * HOUR_NS);
        }
        final ReferenceData settled = settle(journal, dir.resolve("state")).computeScheduler().ref();

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        settled.writeSnapshot(new DataOutputStream(bytes));
        final ReferenceData restored = new ReferenceData(8, 8);
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(2, restored.participantCount());
        assertEquals("P1", restored.participantId(0));
        assertEquals(Codes.Role.BUYER, restored.roles(0));
        assertTrue(restored.localTaxpayer(0));
        assertEquals("G1", restored.group(0));
        assertEquals(1, restored.participantIndex("P2"));
        assertEquals(2, restored.productCount());
        assertEquals("D1", restored.productId(0));
        assertEquals(Codes.ProductKind.DATA, restored.kind(0));
        assertEquals(Codes.DeliveryMode.SANDBOX_ONLY, restored.delivery(0));
        assertEquals(settled.owner(0), restored.owner(0));
        assertEquals(Codes.ProductKind.COMPUTE, restored.kind(1));
        assertEquals(start, restored.windowStartNs(1));
        assertEquals(start + 4 * HOUR_NS, restored.windowEndNs(1));
    }

    @Test
    void aCheckpointThatStillHeldLotsAndRightsIsRefusedByName()
    {
        final ByteArrayOutputStream old = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(old))
        {
            out.writeInt(0x52454633); // "REF3": products carried lot, usage per lot, term and rights
            out.writeInt(0);
            out.writeInt(0);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
        final IOException ex = assertThrows(IOException.class, () -> new ReferenceData(8, 8)
            .readSnapshot(new DataInputStream(new ByteArrayInputStream(old.toByteArray()))));
        assertTrue(ex.getMessage().contains("reference-data checkpoint of another format (52454633)"), ex.getMessage());
        assertTrue(ex.getMessage().contains("lot, usage per lot, term, rights"), ex.getMessage());
    }
}
