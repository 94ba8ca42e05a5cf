package io.databourse.exchange.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which member's journal a cluster's gateway on this host reads: the one holding the most records. */
class MostAdvancedMemberJournalTest
{
    @TempDir
    Path dir;

    @Test
    void memberZeroWhenNoMemberHasAJournalYet()
    {
        assertEquals(0, ClusterGateway.mostAdvancedMemberJournal(dir, 3));
    }

    @Test
    void theMemberWhoseJournalHoldsTheMostRecords()
    {
        journal(0, 3);
        journal(1, 5); // member 2 has none: it never started
        assertEquals(1, ClusterGateway.mostAdvancedMemberJournal(dir, 3));
    }

    @Test
    void theLowestMemberOnATie()
    {
        journal(1, 4);
        journal(2, 4);
        assertEquals(1, ClusterGateway.mostAdvancedMemberJournal(dir, 3));
    }

    private void journal(final int member, final long records)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
        try (Journal journal = Journal.open(ClusterGateway.memberJournal(dir, member)); JournalWriter writer = journal.writer())
        {
            for (long seq = 1; seq <= records; seq++)
            {
                writer.append(seq, seq * 1_000, command, 0, command.capacity(), command, 0, 0, 0);
            }
        }
    }
}
