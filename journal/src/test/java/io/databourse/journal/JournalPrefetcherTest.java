package io.databourse.journal;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalPrefetcher;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The prefetcher reads the journal file from the writer's page up to a fixed distance past its
 * position, follows the writer as it goes, and never changes what is read back, even while it
 * races the writer on another thread.
 */
class JournalPrefetcherTest
{
    private static final long AHEAD = 2 << 20;

    private static int record(final ExpandableArrayBuffer dst, final long seq)
    {
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(256);
        Codecs.encode(new NewOrderCommandEncoder(), command, 0, 7).clOrdId("p" + seq).priceFen(1000 + seq).qty(seq);
        return JournalRecord.encode(dst, 0, seq, seq, command, 0, NewOrderCommandEncoder.BLOCK_LENGTH, command, 0, 0, 0);
    }

    @Test
    void readsFromTheWritersPageToAFixedDistancePastItAndFollowsIt(@TempDir final Path dir) throws Exception
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            final JournalPrefetcher prefetcher = new JournalPrefetcher(writer, AHEAD);
            assertNull(writer.currentFile());
            assertEquals(0, prefetcher.doWork(), "nothing to prefetch before the first append");

            writer.appendRecord(buffer, 0, record(buffer, 1));
            final File file = writer.currentFile();
            assertNotNull(file);
            assertTrue(file.isFile());
            final long first = writer.writePosition();
            assertTrue(first > 0 && first < file.length(), "position " + first + " inside a file of " + file.length());

            final long pageStart = first & ~4095L;
            final int catchUpReads = prefetcher.doWork();
            assertEquals((long)catchUpReads * JournalPrefetcher.READ_LENGTH, prefetcher.bytesPrefetched());
            assertTrue(catchUpReads > 1 && catchUpReads <= 16, "catching up: several bounded reads, not all at once");
            assertTrue(first + AHEAD - prefetcher.bytesPrefetched() - pageStart <= AHEAD / 2, "caught up to half way");
            assertEquals(1, prefetcher.doWork(), "then one bounded read per duty cycle");
            drain(prefetcher);
            assertWithinOneReadOf(Math.min(file.length(), first + AHEAD) - pageStart, prefetcher);
            assertEquals(0, prefetcher.doWork(), "already ahead: nothing more");

            long seq = 2;
            while (writer.writePosition() - first < 4L * JournalPrefetcher.READ_LENGTH)
            {
                writer.appendRecord(buffer, 0, record(buffer, seq++));
            }
            final long later = writer.writePosition();
            drain(prefetcher);
            assertWithinOneReadOf(Math.min(file.length(), later + AHEAD) - pageStart, prefetcher);
            prefetcher.onClose();
        }
    }

    /** Caught up with the writer, in whole reads: less than one read short of the distance, never past it. */
    private static void assertWithinOneReadOf(final long expectedBytes, final JournalPrefetcher prefetcher)
    {
        final long short_ = expectedBytes - prefetcher.bytesPrefetched();
        assertTrue(short_ >= 0 && short_ < JournalPrefetcher.READ_LENGTH,
            "prefetched " + prefetcher.bytesPrefetched() + " of " + expectedBytes);
    }

    @Test
    void topsUpInWholeReadsOnly(@TempDir final Path dir) throws Exception
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            final JournalPrefetcher prefetcher = new JournalPrefetcher(writer, AHEAD);
            long seq = 1;
            writer.appendRecord(buffer, 0, record(buffer, seq++));
            final long pageStart = writer.writePosition() & ~4095L;
            drain(prefetcher);
            int reads = 0;
            int quietCycles = 0;
            while (reads < 3)
            {
                writer.appendRecord(buffer, 0, record(buffer, seq++));
                final long prefetchedTo = pageStart + prefetcher.bytesPrefetched();
                final long shortBy = writer.writePosition() + AHEAD - prefetchedTo;
                assumeTrue(writer.currentFile().length() >= prefetchedTo + 2L * JournalPrefetcher.READ_LENGTH,
                    "the file as sized so far ends before the next read");
                final int work = prefetcher.doWork();
                assertEquals(shortBy >= JournalPrefetcher.READ_LENGTH ? 1 : 0, work,
                    "a read once a whole one is due, not before (short by " + shortBy + ")");
                if (work > 0)
                {
                    reads++;
                    assertEquals(prefetchedTo + JournalPrefetcher.READ_LENGTH, pageStart + prefetcher.bytesPrefetched(),
                        "one whole read");
                }
                else
                {
                    quietCycles++;
                }
            }
            assertTrue(quietCycles > 100, "many appends between reads, " + quietCycles + " cycles without a syscall");
        }
    }

    @Test
    void sleepsLongerWhileThereIsNothingToReadUpToAMillisecond()
    {
        final JournalPrefetcher.PacedIdleStrategy idle = JournalPrefetcher.pacedIdleStrategy();
        assertEquals(50_000, idle.nextSleepNs(1), "after a read: the pacing sleep");
        assertEquals(100_000, idle.nextSleepNs(0));
        assertEquals(200_000, idle.nextSleepNs(0));
        assertEquals(400_000, idle.nextSleepNs(0));
        assertEquals(800_000, idle.nextSleepNs(0));
        assertEquals(1_000_000, idle.nextSleepNs(0), "capped at a millisecond");
        assertEquals(1_000_000, idle.nextSleepNs(0));
        assertEquals(50_000, idle.nextSleepNs(3), "work again: back to the pacing sleep");
        idle.nextSleepNs(0);
        idle.reset();
        assertEquals(100_000, idle.nextSleepNs(0), "reset starts the doubling over");
    }

    private static int drain(final JournalPrefetcher prefetcher) throws Exception
    {
        int cycles = 0;
        while (prefetcher.doWork() > 0)
        {
            cycles++;
        }
        return cycles;
    }

    @Test
    void aFileItCannotOpenIsReportedOnceThenLeftAlone(@TempDir final Path dir) throws Exception
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            writer.appendRecord(buffer, 0, record(buffer, 1));
            final File file = writer.currentFile();
            final File aside = new File(file.getPath() + ".aside");
            assertTrue(file.renameTo(aside), "the writer keeps its mapping; the path is gone");
            final JournalPrefetcher prefetcher = new JournalPrefetcher(writer, AHEAD);
            assertThrows(java.io.UncheckedIOException.class, prefetcher::doWork);
            assertEquals(0, prefetcher.doWork(), "not retried (nor reported again) for the same file");
            assertEquals(0, prefetcher.bytesPrefetched());
            assertTrue(aside.renameTo(file));
            prefetcher.onClose();
        }
    }

    @Test
    void refusesADistanceShorterThanOneRead(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            assertThrows(IllegalArgumentException.class, () -> new JournalPrefetcher(writer, 4096));
        }
    }

    @Test
    void racingTheWriterChangesNothingThatIsReadBack(@TempDir final Path dir)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final int records = 50_000;
        final JournalPrefetcher prefetcher;
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            prefetcher = new JournalPrefetcher(writer, AHEAD);
            final AgentRunner runner = new AgentRunner(JournalPrefetcher.pacedIdleStrategy(), Throwable::printStackTrace, null, prefetcher);
            AgentRunner.startOnThread(runner);
            try
            {
                for (long seq = 1; seq <= records; seq++)
                {
                    writer.appendRecord(buffer, 0, record(buffer, seq));
                }
            }
            finally
            {
                runner.close();
            }
        }
        assertTrue(prefetcher.bytesPrefetched() > 0);
        final long[] next = {1};
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            final NewOrderCommandDecoder c = new NewOrderCommandDecoder();
            while (reader.read((index, r) ->
            {
                assertEquals(next[0], r.seq());
                Codecs.wrap(c, r.buffer(), r.commandOffset());
                assertEquals("p" + next[0], c.clOrdId());
                assertEquals(1000 + next[0], c.priceFen());
                next[0]++;
            }))
            {
                // read on
            }
        }
        assertEquals(records + 1, next[0]);
    }
}
