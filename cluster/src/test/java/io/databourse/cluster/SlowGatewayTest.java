package io.databourse.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.databourse.cluster.protocol.ClusterProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that stops reading its records (a long pause) falls behind the leader's egress window:
 * the leader does not wait for it (the others trade on), the gateway misses records, and when it
 * reads again the leader's heartbeat shows it behind, it catches up, and it ends with every record
 * once, in order, the same as a gateway that never paused.
 */
class SlowGatewayTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aGatewayThatPausedCatchesUpOnEveryRecordItMissedWithoutSlowingTheOthers() throws Exception
    {
        final List<String> referenceData = ReferenceData.demoLines();
        try (TestCluster cluster = new TestCluster(dir, 3))
        {
            cluster.startAll();
            final int eighthOfTerm = 8 * ClusterProtocol.EGRESS_MESSAGE_MAX;
            try (TestLink trader = new TestLink(cluster, "trader");
                TestLink slow = new TestLink(cluster.members(), cluster.secret(), "slow", eighthOfTerm))
            {
                trader.pollUntil(() -> trader.link().isConnected(), TIMEOUT, "the trader's link is live");
                slow.pollUntil(() -> slow.link().isConnected(), TIMEOUT, "the slow link is live");
                final long start = slow.link().deliveredSeq();
                for (final String line : referenceData)
                {
                    trader.send(line, TIMEOUT);
                }
                // well past the slow link's egress window (half its 2 MiB term), all while it does not poll
                final int pairs = 6_000;
                for (int n = 0; n < pairs; n++)
                {
                    for (final String line : ReferenceData.crossingPair(n))
                    {
                        trader.send(line, TIMEOUT);
                    }
                }
                final long last = start + referenceData.size() + 2L * pairs;
                trader.pollUntil(() -> trader.link().deliveredSeq() == last && 0 == trader.link().inFlight(), TIMEOUT,
                    "the trader's orders all sequenced while the slow link did not read");
                slow.pollUntil(() -> slow.link().deliveredSeq() == last, TIMEOUT, "the slow link caught up");
                assertTrue(slow.link().catchUps() >= 2, "it caught up after its first connection: " + slow.link().catchUps());
                assertEquals(0, slow.link().recordsMissed());
                final List<byte[]> expected = trader.records();
                final List<byte[]> got = slow.records();
                assertEquals(expected.size(), got.size(), "each record once");
                for (int i = 0; i < got.size(); i++)
                {
                    assertArrayEquals(expected.get(i), got.get(i), "record " + (i + 1));
                }
            }
        }
    }
}
