package io.databourse.exchange.snapshot;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.journal.files.OwnerOnly;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.SnapshotAgent;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exchange with snapshots on: its shadow matcher writes them (owner-only) as the journal grows,
 * and the next start recovers from the newest, replaying only what came after it.
 */
class SnapshotExchangeTest
{
    @Test
    void theNextStartRecoversFromTheNewestSnapshotAndTheJournalAfterIt(@TempDir final Path dir) throws Exception
    {
        final Path dataDir = dir.resolve("data");
        final String aeronDir = "/dev/shm/databourse-snapex-" + ProcessHandle.current().pid();
        final List<String> log = new ArrayList<>();
        final ExchangeConfig config = new ExchangeConfig().dataDir(dataDir).aeronDir(aeronDir)
            .snapshotsEnabled(true).snapshotEveryCommands(10).log(log::add);
        final long lastSeq;
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(config))
        {
            // the demo reference data, journaled at start: the shadow follows it
            final SnapshotAgent agent = exchange.snapshotAgent();
            lastSeq = exchange.recovery().matcher().lastSeq();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (agent.shadowSeq() < lastSeq && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(1_000_000);
            }
            assertEquals(lastSeq, agent.shadowSeq(), "the shadow caught up");
            assertEquals(lastSeq / 10, agent.snapshotsWritten());
            assertEquals(lastSeq / 10 * 10, agent.lastSnapshot().seq());
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
        for (final Path path : Files.list(dataDir.resolve("snapshots")).toList())
        {
            assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(path), path.toString());
        }
        assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(dataDir.resolve("snapshots")));

        try (EmbeddedExchange exchange = EmbeddedExchange.launch(config))
        {
            final JournalRecovery.Recovered recovery = exchange.recovery();
            assertNotNull(recovery.snapshot(), recovery.describe());
            assertEquals(lastSeq / 10 * 10, recovery.snapshot().seq());
            assertEquals(lastSeq % 10, recovery.recordsReplayed());
            assertTrue(recovery.describe().startsWith("loaded snapshot snapshot-"), recovery.describe());
            try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")); JournalReader reader = journal.reader())
            {
                final Matcher replayed = new Matcher(new MatcherContext().conclude());
                JournalRecovery.replay(reader, replayed);
                assertArrayEquals(new MatcherSnapshot().hash(replayed), new MatcherSnapshot().hash(recovery.matcher()));
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
        assertTrue(log.isEmpty(), log.toString());
        assertEquals(lastSeq / 10, new SnapshotStore(dataDir.resolve("snapshots"), 3).files().size());
    }
}
