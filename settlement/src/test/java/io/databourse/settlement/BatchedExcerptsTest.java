package io.databourse.settlement;

import static io.databourse.settlement.SettlementTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.settlement.ledger.CertificateVerifier;
import io.databourse.testsupport.JournalFixture;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live matcher's sequencer writes the records of one duty cycle as one journal excerpt, so a
 * checkpoint can fall in the middle of an excerpt. Resuming must re-read that excerpt (skipping by
 * seq what was applied), not start after it: otherwise the rest of the excerpt is never settled.
 */
class BatchedExcerptsTest
{
    private static final int RECORDS_PER_EXCERPT = 4;

    @TempDir
    Path dir;

    @Test
    void resumeFromACheckpointInsideAnExcerptSettlesTheRestOfIt() throws Exception
    {
        // One record per excerpt, as the fixture writes: the source of both layouts below.
        final Path single = dir.resolve("single");
        final long lastSeq;
        try (JournalFixture f = new JournalFixture(single))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.inventory(seller, data, 1000);
            f.deposit(buyer, 100_000_000, 100_000_000, 0);
            for (int i = 0; i < 10; i++)
            {
                f.cross(seller, buyer, data, 100 + i, 1 + i);
            }
            lastSeq = f.seq();
        }
        final int prefixRecords = RECORDS_PER_EXCERPT + 2; // ends in the middle of the second excerpt
        final Path prefix = dir.resolve("prefix");
        final Path whole = dir.resolve("whole");
        regroup(single, prefix, prefixRecords);
        regroup(single, whole, Integer.MAX_VALUE);

        // Reference: one run over the whole batched journal.
        run(whole, dir.resolve("expected"));

        // The same layout, settled first up to a record inside the second excerpt, then to the end.
        final Path out = dir.resolve("actual");
        run(prefix, out);
        assertEquals(prefixRecords, SettlementTestSupport.json(out.resolve("summary.json")).get("lastSeq").asLong());
        final Path state = out.resolve("state");
        SettlementRun.run(SettlementTestSupport.ctx(whole, state), out);

        assertEquals(lastSeq, SettlementTestSupport.json(out.resolve("summary.json")).get("lastSeq").asLong());
        for (final String file : List.of("balances.json", "certificates.jsonl", "positions.json", "statements/B.csv"))
        {
            assertEquals(Files.readString(dir.resolve("expected").resolve(file)), Files.readString(out.resolve(file)),
                file);
        }
        assertEquals(10, Files.readAllLines(out.resolve("certificates.jsonl")).size());
        assertTrue(CertificateVerifier.verify(out.resolve("certificates.jsonl")).valid());
    }

    /** Copies the first {@code records} records of {@code from} into {@code to}, four per excerpt. */
    private static void regroup(final Path from, final Path to, final int records)
    {
        final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(1 << 16);
        final int[] state = new int[2]; // [records copied, bytes in batch]
        try (Journal in = Journal.openReadOnly(from); JournalReader reader = in.reader();
            Journal out = Journal.open(to); JournalWriter writer = out.writer())
        {
            while (state[0] < records && reader.read((index, record) ->
            {
                if (state[0] < records)
                {
                    batch.putBytes(state[1], record.buffer(), record.commandOffset() - JournalRecord.HEADER_LENGTH, record.length());
                    state[1] += record.length();
                    state[0]++;
                    if (0 == state[0] % RECORDS_PER_EXCERPT)
                    {
                        writer.appendRecord(batch, 0, state[1]);
                        state[1] = 0;
                    }
                }
            }))
            {
                // one source excerpt per read
            }
            if (state[1] > 0)
            {
                writer.appendRecord(batch, 0, state[1]);
            }
        }
    }
}
