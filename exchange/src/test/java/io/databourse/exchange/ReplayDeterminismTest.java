package io.databourse.exchange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal is the source of truth: replaying its commands into a fresh matcher reproduces its
 * events byte for byte, and two runs of the same commands write identical journals.
 */
class ReplayDeterminismTest
{
    private static final long T0_NS = 1_772_359_200_000_000_000L;

    private static void journal(final Path dir, final List<String> lines)
    {
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            final long[] clock = {T0_NS};
            // a clock that moves, so timestamps differ per record but are reproducible
            final Simulator simulator = new Simulator(new MatcherContext().conclude(), writer, () -> clock[0] += 1_000);
            final StringBuilder out = new StringBuilder();
            for (int i = 0; i < lines.size(); i++)
            {
                simulator.line(i + 1, lines.get(i), out);
            }
        }
    }

    private static List<byte[]> records(final Path dir)
    {
        final List<byte[]> records = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            while (reader.read((index, r) ->
            {
                final byte[] bytes = new byte[r.length()];
                r.buffer().getBytes(0, bytes);
                records.add(bytes);
            }))
            {
                // all
            }
        }
        return records;
    }

    @Test
    void replayReproducesEveryEventByteForByte(@TempDir final Path dir)
    {
        for (long seed = 1; seed <= 5; seed++)
        {
            final Path journalDir = dir.resolve("seed-" + seed);
            final List<String> lines = RandomCommands.generate(seed, 3_000);
            journal(journalDir, lines);
            try (Journal journal = Journal.openReadOnly(journalDir); JournalReader reader = journal.reader())
            {
                final Matcher fresh = new Matcher(new MatcherContext().conclude());
                final long replayed = JournalRecovery.replay(reader, fresh);
                assertEquals(lines.size(), replayed, "seed " + seed);
                assertTrue(fresh.isCashConserved(), "seed " + seed);
            }
        }
    }

    @Test
    void twoRunsOfTheSameCommandsWriteIdenticalJournals(@TempDir final Path dir)
    {
        final List<String> lines = RandomCommands.generate(42, 2_000);
        journal(dir.resolve("a"), lines);
        journal(dir.resolve("b"), lines);
        final List<byte[]> a = records(dir.resolve("a"));
        final List<byte[]> b = records(dir.resolve("b"));
        assertEquals(lines.size(), a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++)
        {
            assertArrayEquals(a.get(i), b.get(i), "record " + (i + 1));
        }
    }

    @Test
    void replayDetectsAMatcherThatBehavesDifferently(@TempDir final Path dir)
    {
        journal(dir, RandomCommands.generate(7, 1_000));
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            // a matcher with room for fewer orders refuses where the journaled one accepted
            final Matcher different = new Matcher(new MatcherContext().ordersMax(3).conclude());
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> JournalRecovery.replay(reader, different));
            assertTrue(ex.getMessage().contains("replay diverged"), ex.getMessage());
        }
    }
}
