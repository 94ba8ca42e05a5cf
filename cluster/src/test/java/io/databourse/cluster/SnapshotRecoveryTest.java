package io.databourse.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.databourse.cluster.node.ClusterNode;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every member writes the cluster's snapshot in the matcher's one snapshot format into its own
 * directory, all with the same state hash, the hash of the journal replayed to that seq. A member
 * restarted on its directory recovers from that snapshot plus the log after it: the records the log
 * replay produces that its journal already holds are checked, not appended again; the whole cluster restarted does the same; and trading goes on with the next seq, every
 * member's journal still the same.
 */
class SnapshotRecoveryTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private int sent;

    private void trade(final TestLink gateway, final int pairs)
    {
        for (int n = 0; n < pairs; n++)
        {
            for (final String line : ReferenceData.crossingPair(sent))
            {
                gateway.send(line, TIMEOUT);
            }
            sent++;
        }
    }

    /**
     * Asks the leader for a snapshot; its control toggle refuses while another action (an election's
     * aftermath) is pending, so ask again until it takes it. Returns the leader.
     */
    private static int requestSnapshot(final TestCluster cluster) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline)
        {
            final int leader = cluster.awaitLeader(TIMEOUT);
            if (cluster.node(leader).requestSnapshot())
            {
                return leader;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("the leader never took the snapshot request");
    }

    private static void awaitSnapshot(final TestCluster cluster, final int nodes) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int i = 0; i < nodes; i++)
        {
            while (cluster.node(i).snapshotCount() < 1 || null == cluster.node(i).service().snapshotTaken())
            {
                assertTrue(System.nanoTime() < deadline, "node " + i + " took no snapshot");
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
    }

    @Test
    void aRestartedMemberAndARestartedClusterRecoverFromTheSnapshotAndTheLogAfterIt() throws Exception
    {
        final List<String> referenceData = ReferenceData.demoLines();
        try (TestCluster cluster = new TestCluster(dir, 3))
        {
            cluster.startAll();
            long commands;
            final int restarted;
            final SnapshotStore.Info taken;
            try (TestLink gateway = new TestLink(cluster, "gateway"))
            {
                gateway.pollUntil(() -> gateway.link().isConnected(), TIMEOUT, "the link is live");
                for (final String line : referenceData)
                {
                    gateway.send(line, TIMEOUT);
                }
                trade(gateway, 10);
                final long beforeSnapshot = referenceData.size() + 20;
                gateway.pollUntil(() -> gateway.link().deliveredSeq() == beforeSnapshot, TIMEOUT, "all sequenced");
                final int leader = requestSnapshot(cluster);
                awaitSnapshot(cluster, 3);
                taken = cluster.node(0).service().snapshotTaken();
                assertEquals(beforeSnapshot, taken.seq());
                for (int i = 0; i < 3; i++)
                {
                    final SnapshotStore.Info info = cluster.node(i).service().snapshotTaken();
                    assertEquals(taken.seq(), info.seq(), "member " + i + "'s snapshot");
                    assertEquals(taken.stateHashHex(), info.stateHashHex(), "member " + i + "'s state at the same seq");
                    assertEquals(info.file(), cluster.nodeDir(i).resolve("snapshots").resolve(
                        SnapshotStore.fileName(taken.seq())).toAbsolutePath(), "in the member's own snapshot directory");
                    SnapshotStore.verify(info.file());
                }

                trade(gateway, 15);
                commands = beforeSnapshot + 30;
                final long afterSnapshot = commands;
                gateway.pollUntil(() -> gateway.link().deliveredSeq() == afterSnapshot, TIMEOUT, "all sequenced");
                cluster.awaitApplied(commands, TIMEOUT);

                restarted = (leader + 1) % 3;
                cluster.stop(restarted);
                final ClusterNode again = cluster.start(restarted);
                cluster.awaitApplied(commands, TIMEOUT);
                trade(gateway, 5);
                commands += 10;
                final long total = commands;
                gateway.pollUntil(() -> gateway.link().deliveredSeq() == total, TIMEOUT, "all sequenced");
                cluster.awaitApplied(commands, TIMEOUT);
                cluster.stop(restarted);
                assertEquals(30, again.service().journalRecordsChecked(),
                    "the 30 records after the snapshot, replayed from the log, were checked against the journal");
                assertEquals(commands, again.service().matcher().lastSeq());
                assertEquals(taken.seq(), again.service().snapshotLoaded().seq(), "the member started from the snapshot");
                assertEquals(taken.stateHashHex(), again.service().snapshotLoaded().stateHashHex());
                cluster.start(restarted);
                cluster.awaitApplied(commands, TIMEOUT);
            }

            // the whole cluster down and up: every member from its snapshot and log
            cluster.close();
            cluster.startAll();
            cluster.awaitApplied(commands, TIMEOUT);
            try (TestLink gateway = new TestLink(cluster, "gateway-2"))
            {
                gateway.pollUntil(() -> gateway.link().isConnected(), TIMEOUT, "the link is live after a full restart");
                assertEquals(commands, gateway.link().deliveredSeq(), "a new link starts at the cluster's seq");
                trade(gateway, 5);
                commands += 10;
                final long total = commands;
                gateway.pollUntil(() -> gateway.link().deliveredSeq() == total, TIMEOUT, "trading goes on");
                assertEquals(10, gateway.records().size(), "the new link hears only what follows its start");
                assertEquals(5, gateway.records().stream().mapToLong(ThreeNodeClusterTest::trades).sum());
                cluster.awaitApplied(commands, TIMEOUT);
            }
            for (int i = 0; i < 3; i++)
            {
                cluster.stop(i);
            }
            // the snapshot's state is the journal's: a fresh matcher replaying it to the snapshot's seq has its hash
            try (Journal journal = Journal.openReadOnly(cluster.nodeDir(0).resolve("journal"));
                JournalReader reader = journal.reader())
            {
                final Matcher replayed = new Matcher(TestCluster.smallMatcher());
                JournalRecovery.replayWhile(reader, -1, replayed, record -> record.seq() <= taken.seq());
                assertEquals(taken.seq(), replayed.lastSeq());
                assertArrayEquals(taken.stateHash(), new MatcherSnapshot().hash(replayed));
            }
            final List<byte[]> first = JournalFiles.records(cluster.nodeDir(0).resolve("journal"));
            assertEquals(commands, first.size());
            for (int node = 1; node < 3; node++)
            {
                final List<byte[]> journaled = JournalFiles.records(cluster.nodeDir(node).resolve("journal"));
                assertEquals(commands, journaled.size(), "node " + node);
                for (int i = 0; i < journaled.size(); i++)
                {
                    assertArrayEquals(first.get(i), journaled.get(i), "node " + node + " record " + (i + 1));
                }
            }
        }
    }
}
