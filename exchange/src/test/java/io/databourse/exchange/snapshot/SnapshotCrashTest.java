package io.databourse.exchange.snapshot;

import java.io.File;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.matcher.Sequencer;
import org.agrona.ExpandableArrayBuffer;
import io.databourse.matcher.snapshot.SnapshotStore;
import io.databourse.testsupport.ChildJvm;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kill -9 in the middle of a snapshot write leaves a recoverable exchange: a child process writes
 * snapshots of a journal holding 20,000 resting orders over and over, and is killed while a
 * temporary snapshot file is open. Killed during the first write, the exchange recovers from the
 * journal's start; killed during a later one, from the last whole snapshot; either way to the state
 * replaying the whole journal gives, and the exchange then starts on the directory.
 */
class SnapshotCrashTest
{
    private static final long T0_NS = 1_772_359_200_000_000_000L;
    private static final int RESTING = 20_000;
    /** The commands before the resting orders: four participants, the product, a deposit. */
    private static final int SETUP = 6;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private static void journal(final Path dataDir)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"participant\",\"id\":\"B1\",\"roles\":[\"buyer\"]}");
        // a listed data product has an owner, a compliance review and its sponsor's confirmation
        lines.add("{\"type\":\"participant\",\"id\":\"S1\",\"roles\":[\"data_supplier\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"COMP\",\"roles\":[\"compliance_officer\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"SPON\",\"roles\":[\"data_sponsor\"]}");
        lines.add("{\"type\":\"product\",\"id\":\"D1\",\"kind\":\"data\",\"status\":\"listed\",\"rights\":\"process_use\"," +
            "\"delivery\":\"api\",\"tick\":\"0.01\",\"lot\":1,\"usagePerLot\":1,\"termDays\":30,\"owner\":\"S1\"," +
            "\"reviewedBy\":\"COMP\",\"sponsor\":\"SPON\"}");
        lines.add("{\"type\":\"deposit\",\"participant\":\"B1\",\"amount\":\"900000000.00\"}");
        for (int i = 0; i < RESTING; i++)
        {
            lines.add("{\"type\":\"new\",\"participant\":\"B1\",\"clOrdId\":\"o" + i + "\",\"product\":\"D1\"," +
                "\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"" + (1 + i % 2000) + "." + String.format("%02d", i % 100) +
                "\",\"qty\":" + (1 + i % 7) + "}");
        }
        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(512);
        try (Journal journal = Journal.open(dataDir.resolve("journal")); JournalWriter writer = journal.writer())
        {
            final Matcher matcher = new Matcher(new MatcherContext().conclude());
            final Sequencer sequencer = Sequencer.batching(matcher, writer, (buffer, offset, length) ->
            {
            });
            for (int i = 0; i < lines.size(); i++)
            {
                sequencer.sequence(T0_NS + i * 1_000L, command, 0, parser.parse(lines.get(i), command));
                assertEquals(1, matcher.eventCount(), lines.get(i));
                assertTrue(io.databourse.journal.schema.RecordHeader.typeAt(matcher.eventBuffer(), 0) != io.databourse.journal.schema.MessageType.REJECTED,
                    lines.get(i));
                if (i % 100 == 99)
                {
                    sequencer.flush();
                }
            }
            sequencer.flush();
        }
        catch (final io.databourse.journal.json.CommandFormatException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static List<Path> temporaries(final Path snapshots) throws Exception
    {
        final List<Path> found = new ArrayList<>();
        if (Files.isDirectory(snapshots))
        {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(snapshots, "*.tmp"))
            {
                stream.forEach(found::add);
            }
        }
        return found;
    }

    /**
     * Starts the snapshot loop and kills it while a snapshot is being written, after {@code wholeFirst}
     * whole ones; returns whether a temporary file was left (the kill landed mid-write).
     */
    private static boolean killDuringAWrite(final Path dataDir, final int wholeFirst) throws Exception
    {
        final Path log = dataDir.resolve("loop-" + System.nanoTime() + ".log");
        final Process child = new ProcessBuilder(ChildJvm.command("512m", SnapshotLoop.class.getName(), dataDir.toString()))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final Path snapshots = dataDir.resolve("snapshots");
        try
        {
            final long deadline = System.nanoTime() + TIMEOUT_NS;
            while (System.nanoTime() < deadline && child.isAlive())
            {
                final long written = Files.exists(log) ? Files.readAllLines(log).stream().filter("written"::equals).count() : 0;
                if (written >= wholeFirst && !temporaries(snapshots).isEmpty())
                {
                    child.destroyForcibly(); // SIGKILL
                    child.waitFor(30, TimeUnit.SECONDS);
                    return !temporaries(snapshots).isEmpty();
                }
                LockSupport.parkNanos(100_000);
            }
            throw new AssertionError("the loop never wrote: " + Files.readString(log));
        }
        finally
        {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] replayedFromTheStart(final Path dataDir)
    {
        try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")); JournalReader reader = journal.reader())
        {
            final Matcher m = new Matcher(new MatcherContext().conclude());
            JournalRecovery.replay(reader, m);
            return new MatcherSnapshot().hash(m);
        }
    }

    @Test
    void aKillDuringASnapshotWriteLeavesARecoverableExchange(@TempDir final Path dataDir) throws Exception
    {
        journal(dataDir);
        final byte[] expected = replayedFromTheStart(dataDir);
        final SnapshotStore store = new SnapshotStore(dataDir.resolve("snapshots"), 2);

        // killed during the very first write: nothing but a temporary file, so the journal's start
        boolean midWrite = false;
        for (int attempt = 0; attempt < 5 && !midWrite; attempt++)
        {
            IoUtil.delete(dataDir.resolve("snapshots").toFile(), true);
            midWrite = killDuringAWrite(dataDir, 0) && store.files().isEmpty();
        }
        assertTrue(midWrite, "a kill landed while the first snapshot was being written");
        List<String> log = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")))
        {
            final JournalRecovery.Recovered recovered = JournalRecovery.recover(journal, store, new MatcherContext().conclude(), log::add);
            assertNull(recovered.snapshot(), recovered.describe());
            assertEquals(RESTING + SETUP, recovered.recordsReplayed());
            assertArrayEquals(expected, new MatcherSnapshot().hash(recovered.matcher()));
        }

        // killed during a later write: the last whole snapshot is there, untouched by the torn one
        midWrite = false;
        for (int attempt = 0; attempt < 5 && !midWrite; attempt++)
        {
            midWrite = killDuringAWrite(dataDir, 1);
        }
        assertTrue(midWrite, "a kill landed while a later snapshot was being written");
        assertEquals(1, store.files().size());
        try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")))
        {
            final JournalRecovery.Recovered recovered = JournalRecovery.recover(journal, store, new MatcherContext().conclude(), log::add);
            assertNotNull(recovered.snapshot(), recovered.describe());
            assertEquals(0, recovered.recordsReplayed());
            assertArrayEquals(expected, new MatcherSnapshot().hash(recovered.matcher()));
            assertTrue(log.isEmpty(), "no snapshot had to be skipped: " + log);
        }

        // and the exchange starts on the directory from that snapshot
        final String aeronDir = "/dev/shm/databourse-snapcrash-" + ProcessHandle.current().pid();
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(new ExchangeConfig().dataDir(dataDir).aeronDir(aeronDir)
            .bootstrapFile(null).log(log::add)))
        {
            assertNotNull(exchange.recovery().snapshot(), exchange.recovery().describe());
            assertEquals(RESTING + SETUP, exchange.recovery().matcher().lastSeq());
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
    }
}
