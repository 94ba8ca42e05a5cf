package io.databourse.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.databourse.cluster.node.ClusterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member restarted on its directory recovers from the cluster's snapshot plus the log after it:
 * the records the log replay produces that its journal already holds are checked, not appended
 * again; the whole cluster restarted does the same; and trading goes on with the next seq, every
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
            while (cluster.node(i).snapshotCount() < 1)
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
