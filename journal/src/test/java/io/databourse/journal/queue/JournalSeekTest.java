package io.databourse.journal.queue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeking by seq lands on the excerpt holding it, across excerpts of several records and several files. */
class JournalSeekTest
{
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    @Test
    void everySeqIsFoundAndNothingPastTheEnd(@TempDir final Path dir) throws java.io.IOException
    {
        final long[] clockMs = {1_772_323_200_000L}; // 2026-03-01T00:00Z
        final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(1 << 16);
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(256);
        Codecs.encode(new NewOrderCommandEncoder(), command, 0, 1);
        long seq = 0;
        try (Journal journal = Journal.open(dir, () -> clockMs[0]); JournalWriter writer = journal.writer())
        {
            for (int day = 0; day < 3; day++)
            {
                for (int excerpt = 0; excerpt < 40; excerpt++)
                {
                    int length = 0;
                    final int records = 1 + (excerpt % 5);
                    for (int r = 0; r < records; r++)
                    {
                        seq++;
                        length += JournalRecord.encode(batch, length, seq, seq, command, 0, NewOrderCommandEncoder.BLOCK_LENGTH, command, 0, 0, 0);
                    }
                    writer.appendRecord(batch, 0, length);
                }
                clockMs[0] += DAY_MS; // next file
            }
        }
        final long lastSeq = seq;
        try (var files = java.nio.file.Files.list(dir))
        {
            assertEquals(3, files.filter(f -> f.toString().endsWith(".cq4")).count(), "one file a day");
        }
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            for (long target = 1; target <= lastSeq; target++)
            {
                assertTrue(reader.seekToSeq(target), "seq " + target);
                final List<Long> excerpt = new ArrayList<>();
                assertTrue(reader.read((i, r) -> excerpt.add(r.seq())));
                assertTrue(excerpt.contains(target), "seq " + target + " not in the excerpt found: " + excerpt);
            }
            assertTrue(reader.seekToSeq(0));
            final long[] first = {-1};
            reader.read((i, r) -> first[0] = 0 > first[0] ? r.seq() : first[0]);
            assertEquals(1, first[0], "a seq before the journal: its start");
            assertFalse(reader.seekToSeq(lastSeq + 1), "past the end");
            assertFalse(reader.read((i, r) -> { }), "left at the end");
        }
    }
}
