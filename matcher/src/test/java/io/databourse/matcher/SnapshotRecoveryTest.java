package io.databourse.matcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.matcher.reference.CommandGenerator;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot agent follows a journal (records batched several to an excerpt, so snapshots fall
 * inside excerpts too) and writes snapshots every N commands or T of exchange time; recovery loads the
 * newest that checks out and replays only the journal after it, to the state and the events that
 * replaying the whole journal gives; damaged snapshots, and one of another journal, are skipped with a
 * line naming the file and why.
 */
class SnapshotRecoveryTest
{
    private static final int COMMANDS = 1_500;

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private static MatcherContext ctx()
    {
        return new MatcherContext()
            .participantsMax(CommandGenerator.PARTICIPANTS_MAX)
            .productsMax(CommandGenerator.PRODUCTS_MAX)
            .ordersMax(CommandGenerator.ORDERS_MAX)
            .levelsMax(CommandGenerator.LEVELS_MAX)
            .conclude();
    }

    /** Journals the commands through a batching sequencer (7 records an excerpt); returns the live matcher. */
    private static Matcher journal(final Journal journal, final List<CommandGenerator.Command> commands)
    {
        final Matcher live = new Matcher(ctx());
        try (JournalWriter writer = journal.writer())
        {
            final Sequencer sequencer = Sequencer.batching(live, writer, (buffer, offset, length) ->
            {
            });
            for (int i = 0; i < commands.size(); i++)
            {
                final CommandGenerator.Command c = commands.get(i);
                sequencer.sequence(c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
                if (i % 7 == 6)
                {
                    sequencer.flush();
                }
            }
            sequencer.flush();
        }
        return live;
    }

    private SnapshotAgent agent(final Journal journal, final SnapshotStore store, final long everyCommands, final long everyNs)
    {
        final SnapshotAgent agent = new SnapshotAgent(new Matcher(ctx()), -1, journal, store, null, everyCommands, everyNs,
            log::add);
        agent.onStart();
        while (agent.doWork() > 0)
        {
            // follow the journal to its end
        }
        agent.onClose();
        return agent;
    }

    private static byte[] hash(final Matcher m)
    {
        return new MatcherSnapshot().hash(m);
    }

    private static void flipByte(final Path file, final long at) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(at);
            final int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x01);
        }
    }

    @Test
    void recoveryStartsFromTheNewestSnapshotAndReplaysOnlyTheJournalAfterIt() throws IOException
    {
        final List<CommandGenerator.Command> commands = SnapshotReplayTest.sequence(11, COMMANDS + 200,
            CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        final int total = commands.size() - 200;
        try (Journal journal = Journal.open(dir.resolve("journal")))
        {
            final Matcher live = journal(journal, commands.subList(0, total));
            final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"), 3);
            final SnapshotAgent agent = agent(journal, store, 300, Long.MAX_VALUE);
            assertEquals(total / 300, agent.snapshotsWritten(), "one every 300 commands, at the end of an excerpt");
            assertEquals(3, store.files().size(), "the three newest are kept");
            assertEquals(total, agent.shadowSeq());
            assertTrue(log.isEmpty(), log.toString());

            final JournalRecovery.Recovered recovered = JournalRecovery.recover(journal, store, ctx(), log::add);
            assertNotNull(recovered.snapshot(), recovered.describe());
            assertEquals(agent.lastSnapshot().seq(), recovered.snapshot().seq());
            assertEquals(total - recovered.snapshot().seq(), recovered.recordsReplayed(), "only the tail is replayed");
            assertArrayEquals(hash(live), hash(recovered.matcher()), "the state replay from the start gives");

            // and the same events afterwards
            for (final CommandGenerator.Command c : commands.subList(total, commands.size()))
            {
                live.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
                final byte[] expected = Arrays.copyOf(live.eventBuffer().byteArray(), live.eventsLength());
                recovered.matcher().apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
                assertArrayEquals(expected, Arrays.copyOf(recovered.matcher().eventBuffer().byteArray(),
                    recovered.matcher().eventsLength()), "events of " + c);
            }
        }
    }

    @Test
    void aDamagedSnapshotIsSkippedByNameForAnOlderOneThenTheJournalsStart() throws IOException
    {
        final List<CommandGenerator.Command> commands = SnapshotReplayTest.sequence(12, COMMANDS,
            CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        try (Journal journal = Journal.open(dir.resolve("journal")))
        {
            final Matcher live = journal(journal, commands);
            final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"), 3);
            agent(journal, store, 400, Long.MAX_VALUE);
            final List<Path> files = store.files();
            assertEquals(3, files.size());

            flipByte(files.get(0), Files.size(files.get(0)) / 2); // a bit of rot in the middle of the newest
            JournalRecovery.Recovered recovered = JournalRecovery.recover(journal, store, ctx(), log::add);
            assertEquals(SnapshotStore.seqOf(files.get(1)), recovered.snapshot().seq());
            assertArrayEquals(hash(live), hash(recovered.matcher()));
            assertEquals(1, log.size(), log.toString());
            assertEquals("snapshot " + files.get(0).getFileName() + " skipped: its state does not hash to the hash stored " +
                "with it (altered or damaged); trying an older one, else the journal's start", log.get(0));

            try (RandomAccessFile raf = new RandomAccessFile(files.get(1).toFile(), "rw"))
            {
                raf.setLength(raf.length() - 100); // cut short, as by a full disk
            }
            log.clear();
            recovered = JournalRecovery.recover(journal, store, ctx(), log::add);
            assertEquals(SnapshotStore.seqOf(files.get(2)), recovered.snapshot().seq());
            assertTrue(log.get(1).contains("truncated"), log.toString());
            assertArrayEquals(hash(live), hash(recovered.matcher()));

            flipByte(files.get(2), 20); // the header
            log.clear();
            recovered = JournalRecovery.recover(journal, store, ctx(), log::add);
            assertNull(recovered.snapshot(), "none left: the journal from its start");
            assertEquals(commands.size(), recovered.recordsReplayed());
            assertEquals(3, log.size(), log.toString());
            assertTrue(log.get(2).contains("not a snapshot header"), log.toString());
            assertArrayEquals(hash(live), hash(recovered.matcher()));
        }
    }

    @Test
    void aSnapshotOfAnotherJournalIsSkipped() throws IOException
    {
        final List<CommandGenerator.Command> ours = SnapshotReplayTest.sequence(13, 600,
            CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        final List<CommandGenerator.Command> theirs = SnapshotReplayTest.sequence(14, 600,
            CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"), 3);
        try (Journal other = Journal.open(dir.resolve("other")))
        {
            journal(other, theirs);
            agent(other, store, 500, Long.MAX_VALUE);
        }
        assertEquals(1, store.files().size());
        try (Journal journal = Journal.open(dir.resolve("journal")))
        {
            final Matcher live = journal(journal, ours);
            final JournalRecovery.Recovered recovered = JournalRecovery.recover(journal, store, ctx(), log::add);
            assertNull(recovered.snapshot());
            assertTrue(log.get(0).contains("another journal") || log.get(0).contains("diverged"), log.toString());
            assertArrayEquals(hash(live), hash(recovered.matcher()));
        }
    }

    @Test
    void aSnapshotThatCannotBeWrittenIsLoggedAndTriedAgainLater() throws IOException
    {
        final List<CommandGenerator.Command> commands = SnapshotReplayTest.sequence(16, 900,
            CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        try (Journal journal = Journal.open(dir.resolve("journal")))
        {
            journal(journal, commands);
            // a file where the directory should be: no snapshot can be written there
            Files.writeString(dir.resolve("snapshots"), "not a directory");
            final SnapshotAgent agent = agent(journal, new SnapshotStore(dir.resolve("snapshots"), 3), 300, Long.MAX_VALUE);
            assertEquals(0, agent.snapshotsWritten());
            assertEquals(commands.size() / 300, agent.snapshotsFailed(), "one attempt per due point, not one per duty cycle");
            assertEquals(commands.size(), agent.shadowSeq(), "the shadow kept following the journal");
            assertTrue(log.get(0).startsWith("snapshot at seq ") && log.get(0).contains("not written"), log.toString());
        }
    }

    @Test
    void exchangeTimeAloneTriggersASnapshot() throws IOException
    {
        final List<CommandGenerator.Command> commands = SnapshotReplayTest.sequence(15, 1_000,
            CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        try (Journal journal = Journal.open(dir.resolve("journal")))
        {
            journal(journal, commands);
            final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"), 100);
            // commands are 15 s apart: an hour of exchange time is 240 commands
            final SnapshotAgent agent = agent(journal, store, Long.MAX_VALUE, 3_600_000_000_000L);
            assertTrue(agent.snapshotsWritten() >= commands.size() / 250, "written " + agent.snapshotsWritten());
            for (final Path file : store.files())
            {
                final SnapshotStore.Info info = SnapshotStore.verify(file);
                assertTrue(info.seq() > 0 && info.payloadLength() > 0);
            }
        }
    }
}
