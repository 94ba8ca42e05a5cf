package io.databourse.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.databourse.cluster.JournalFiles;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeJournalTest
{
    @TempDir
    Path dir;

    private static int record(final ExpandableArrayBuffer buffer, final long seq, final byte fill)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[24]);
        command.setMemory(0, 24, fill);
        command.putShort(0, (short)24);
        return JournalRecord.encode(buffer, 0, seq, seq * 1_000, command, 0, 24, command, 0, 0, 0);
    }

    private long[] writeTen()
    {
        final long[] indexes = new long[11];
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        try (NodeJournal journal = NodeJournal.open(dir))
        {
            for (long seq = 1; seq <= 10; seq++)
            {
                journal.onRecord(buffer, 0, record(buffer, seq, (byte)seq));
                indexes[(int)seq] = journal.lastIndex();
            }
        }
        return indexes;
    }

    @Test
    void recordsAlreadyJournaledAreCheckedThenAppendingResumesAfterTheEnd()
    {
        final long[] indexes = writeTen();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        try (NodeJournal journal = NodeJournal.open(dir))
        {
            journal.skipTo(6, 6_000, indexes[6]);
            assertEquals(6, journal.lastSeq());
            for (long seq = 7; seq <= 12; seq++)
            {
                journal.onRecord(buffer, 0, record(buffer, seq, (byte)seq));
            }
            assertEquals(4, journal.recordsChecked());
            assertEquals(2, journal.recordsAppended());
        }
        final List<byte[]> records = JournalFiles.records(dir);
        assertEquals(12, records.size(), "one excerpt a record, none twice");
    }

    @Test
    void aWrongIndexHintFallsBackToASearchBySeq()
    {
        final long[] indexes = writeTen();
        try (NodeJournal journal = NodeJournal.open(dir))
        {
            journal.skipTo(4, 4_000, indexes[9]);
            assertEquals(4, journal.lastSeq());
            assertEquals(indexes[4], journal.lastIndex());
        }
    }

    @Test
    void aSnapshotWhoseSeqTheJournalHoldsAtAnotherTimeIsRefusedAsAnotherClusters()
    {
        final long[] indexes = writeTen();
        try (NodeJournal journal = NodeJournal.open(dir))
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> journal.skipTo(5, 5_001, indexes[5]));
            assertTrue(ex.getMessage().contains("another cluster's journal"), ex.getMessage());
        }
    }

    @Test
    void aRecordThatDiffersFromTheJournaledOneStopsTheNode()
    {
        writeTen();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        try (NodeJournal journal = NodeJournal.open(dir))
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> journal.onRecord(buffer, 0, record(buffer, 1, (byte)99)));
            assertTrue(ex.getMessage().contains("replay diverged at seq 1"), ex.getMessage());
        }
    }

    @Test
    void aSnapshotPastTheJournalsEndIsRefusedByName()
    {
        writeTen();
        try (NodeJournal journal = NodeJournal.open(dir))
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> journal.skipTo(11, 11_000, -1));
            assertTrue(ex.getMessage().contains("does not hold the snapshot's seq 11"), ex.getMessage());
        }
    }
}
