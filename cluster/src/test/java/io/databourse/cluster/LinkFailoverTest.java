package io.databourse.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader stops while a link sends commands: the link follows the new leader, catches up, and
 * every command it took is sequenced exactly once; the stopped member, restarted, catches up and
 * journals the same records as the others.
 */
class LinkFailoverTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theLinkFollowsANewLeaderAndEveryCommandItTookIsSequencedOnce() throws Exception
    {
        final List<String> referenceData = ReferenceData.demoLines();
        try (TestCluster cluster = new TestCluster(dir, 3))
        {
            cluster.startAll();
            final int pairs = 60;
            int stopped = -1;
            try (TestLink gateway = new TestLink(cluster, "gateway"))
            {
                gateway.pollUntil(() -> gateway.link().isConnected(), TIMEOUT, "the link is live");
                for (final String line : referenceData)
                {
                    gateway.send(line, TIMEOUT);
                }
                for (int n = 0; n < pairs; n++)
                {
                    if (n == pairs / 3)
                    {
                        // asked now, not before the reference data: on a loaded machine an election may
                        // already have moved the leadership, and stopping a follower changes nothing
                        stopped = cluster.awaitLeader(TIMEOUT);
                        cluster.stop(stopped);
                    }
                    for (final String line : ReferenceData.crossingPair(n))
                    {
                        gateway.send(line, TIMEOUT);
                    }
                }
                final long commands = referenceData.size() + 2L * pairs;
                gateway.pollUntil(() -> gateway.link().deliveredSeq() == commands && 0 == gateway.link().inFlight(),
                    TIMEOUT, "every command taken is sequenced and acknowledged");
                assertTrue(gateway.link().leaderChanges() >= 1, "the link saw the new leader");
                assertTrue(gateway.link().lastInterruptionNs() > 0, "the interruption was measured");
                System.out.println("interruption " + gateway.link().lastInterruptionNs() / 1_000_000 + " ms, resent " +
                    gateway.link().commandsResent());

                final Set<String> clOrdIds = new HashSet<>();
                long trades = 0;
                for (final byte[] bytes : gateway.records())
                {
                    final JournalRecord record = new JournalRecord().wrap(new UnsafeBuffer(bytes), 0);
                    if (MessageType.NEW_ORDER == record.commandType())
                    {
                        final String clOrdId = record.buffer().getStringWithoutLengthAscii(
                            record.commandOffset() + io.databourse.journal.sbe.NewOrderCommandDecoder.clOrdIdEncodingOffset(),
                            AsciiFields.CLORDID_LENGTH).replace("\0", "").trim();
                        assertTrue(clOrdIds.add(clOrdId), "order " + clOrdId + " sequenced once");
                    }
                    trades += ThreeNodeClusterTest.trades(bytes);
                }
                assertEquals(2 * pairs + ReferenceData.demoOrders(), clOrdIds.size());
                assertEquals(pairs + ReferenceData.demoTrades(), trades, "each pair traded once");

                cluster.start(stopped);
                cluster.awaitApplied(commands, TIMEOUT);
            }
            cluster.close();
            final List<byte[]> first = JournalFiles.records(cluster.nodeDir(0).resolve("journal"));
            for (int node = 1; node < 3; node++)
            {
                final List<byte[]> journaled = JournalFiles.records(cluster.nodeDir(node).resolve("journal"));
                assertEquals(first.size(), journaled.size(), "node " + node);
                for (int i = 0; i < journaled.size(); i++)
                {
                    assertArrayEquals(first.get(i), journaled.get(i), "node " + node + " record " + (i + 1));
                }
            }
        }
    }
}
