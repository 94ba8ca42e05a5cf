package io.databourse.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.databourse.cluster.status.ClusterStatus;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members in this JVM and a gateway's link: commands go in through the leader, every member
 * journals the same records, the link hears each record once, acknowledged, and cluster status
 * reads each member's role and progress from outside; a client without the cluster's secret is
 * not admitted.
 */
class ThreeNodeClusterTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void everyMemberJournalsTheSameRecordsAndTheLinkDeliversEachOnce() throws Exception
    {
        final List<String> referenceData = ReferenceData.demoLines();
        final int pairs = 20;
        final int commands = referenceData.size() + 2 * pairs;
        try (TestCluster cluster = new TestCluster(dir, 3))
        {
            cluster.startAll();
            cluster.awaitLeader(TIMEOUT);
            try (TestLink intruder = new TestLink(cluster.members(), new byte[32], "intruder");
                TestLink gateway = new TestLink(cluster, "gateway"))
            {
                final long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < until)
                {
                    intruder.poll();
                    Thread.yield();
                }
                assertTrue(!intruder.link().isConnected() && 0 == intruder.link().sessionsOpened(),
                    "a client without the cluster's secret is not admitted");
                gateway.pollUntil(() -> gateway.link().isConnected(), TIMEOUT, "the link is live");
                for (final String line : referenceData)
                {
                    gateway.send(line, TIMEOUT);
                }
                for (int n = 0; n < pairs; n++)
                {
                    for (final String line : ReferenceData.crossingPair(n))
                    {
                        gateway.send(line, TIMEOUT);
                    }
                }
                gateway.pollUntil(() -> gateway.link().deliveredSeq() == commands && 0 == gateway.link().inFlight(),
                    TIMEOUT, "every command sequenced and acknowledged");
                final List<byte[]> delivered = gateway.records();
                assertEquals(commands, delivered.size(), "each record delivered once");
                for (int i = 0; i < commands; i++)
                {
                    assertEquals(i + 1, new JournalRecord().wrap(new UnsafeBuffer(delivered.get(i)), 0).seq());
                }
                final long trades = delivered.stream().mapToLong(ThreeNodeClusterTest::trades).sum();
                assertEquals(pairs + ReferenceData.demoTrades(), trades, "each crossing pair traded once");
                cluster.awaitApplied(commands, TIMEOUT);
                final List<ClusterStatus.Member> members = ClusterStatus.read(dir);
                System.out.println(ClusterStatus.format(members));
                assertEquals(3, members.size());
                assertEquals(cluster.awaitLeader(TIMEOUT), ClusterStatus.leader(members));
                for (final ClusterStatus.Member member : members)
                {
                    assertTrue(member.running(), "member " + member.memberId() + " running");
                    assertEquals(commands, member.appliedSeq(), "member " + member.memberId() + " seq");
                    assertTrue(member.commitPosition() > 0);
                    assertEquals(ProcessHandle.current().pid(), member.pid());
                }
                for (int node = 0; node < 3; node++)
                {
                    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(cluster.nodeDir(node))), "member " + node + "'s directory");
                }
                cluster.close();
                assertEquals(-1, ClusterStatus.leader(ClusterStatus.read(dir)), "no leader once all are down");
                assertEquals("down", ClusterStatus.read(dir).get(1).role());
                for (int node = 0; node < 3; node++)
                {
                    final List<byte[]> journaled = JournalFiles.records(cluster.nodeDir(node).resolve("journal"));
                    assertEquals(commands, journaled.size(), "node " + node + " journaled every command");
                    for (int i = 0; i < commands; i++)
                    {
                        assertArrayEquals(delivered.get(i), journaled.get(i), "node " + node + " record " + (i + 1));
                    }
                }
            }
        }
    }

    static long trades(final byte[] record)
    {
        final long[] n = {0};
        new JournalRecord().wrap(new UnsafeBuffer(record), 0).forEachEvent((type, buffer, offset, length) ->
        {
            if (MessageType.TRADE == type)
            {
                n[0]++;
            }
        });
        return n[0];
    }
}
