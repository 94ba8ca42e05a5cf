package io.databourse.exchange.snapshot;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.journal.files.OwnerOnly;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.SnapshotAgent;
import io.databourse.matcher.sim.Simulator;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exchange with snapshots on: its shadow matcher recovers on its own thread and writes snapshots
 * (owner-only) as the journal grows, one at once for a journal that has none; the next start
 * recovers from the newest, replaying only what came after it.
 */
class SnapshotExchangeTest
{
    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void theNextStartRecoversFromTheNewestSnapshotAndTheJournalAfterIt(@TempDir final Path dir) throws Exception
    {
        final Path dataDir = dir.resolve("data");
        final String aeronDir = "/dev/shm/databourse-snapex-" + ProcessHandle.current().pid();
        final List<String> log = new ArrayList<>();
        final ExchangeConfig config = new ExchangeConfig().dataDir(dataDir).aeronDir(aeronDir)
            .snapshotsEnabled(true).snapshotEveryCommands(10).log(log::add);
        final long bootstrapped;
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(config))
        {
            // the demo reference data, journaled at start: a journal without a snapshot gets one at once
            bootstrapped = exchange.recovery().matcher().lastSeq();
            final SnapshotAgent agent = exchange.snapshotAgent();
            await(() -> agent.snapshotsWritten() == 1, "a snapshot of the loaded reference data");
            assertEquals(bootstrapped, agent.lastSnapshot().seq());
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
        try (var files = Files.list(dataDir.resolve("snapshots")))
        {
            for (final Path path : files.toList())
            {
                assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(path), path.toString());
            }
        }
        assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(dataDir.resolve("snapshots")));

        // fifteen more commands while the exchange is down, as if it had taken them before it stopped
        try (Journal journal = Journal.open(dataDir.resolve("journal")); JournalWriter writer = journal.writer())
        {
            final Matcher matcher = JournalRecovery.recover(journal, null, new MatcherContext().conclude(), log::add).matcher();
            final Simulator simulator = new Simulator(matcher, writer, () -> matcher.lastTimeNs() + 1_000);
            for (int i = 0; i < 15; i++)
            {
                simulator.line(i + 1, "{\"type\":\"deposit\",\"participant\":\"P1\",\"amount\":\"1.00\"}", new StringBuilder());
            }
        }

        try (EmbeddedExchange exchange = EmbeddedExchange.launch(config))
        {
            final JournalRecovery.Recovered recovery = exchange.recovery();
            assertNotNull(recovery.snapshot(), recovery.describe());
            assertEquals(bootstrapped, recovery.snapshot().seq());
            assertEquals(15, recovery.recordsReplayed(), "only the tail");
            assertTrue(recovery.describe().startsWith("loaded snapshot snapshot-"), recovery.describe());
            try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")); JournalReader reader = journal.reader())
            {
                final Matcher replayed = new Matcher(new MatcherContext().conclude());
                JournalRecovery.replay(reader, replayed);
                assertArrayEquals(new MatcherSnapshot().hash(replayed), new MatcherSnapshot().hash(recovery.matcher()));
            }
            // the shadow recovered the same way, and the 15 are more than the 10 a snapshot waits for
            final SnapshotAgent agent = exchange.snapshotAgent();
            await(() -> null != agent.lastSnapshot() && agent.lastSnapshot().seq() == bootstrapped + 15, "a snapshot at the end");
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
        assertTrue(log.isEmpty(), log.toString());
        assertEquals(2, new SnapshotStore(dataDir.resolve("snapshots"), 3).files().size());
    }
}
