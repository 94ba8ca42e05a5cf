package io.databourse.exchange;

import static io.databourse.exchange.ViewsAfterRestartTest.expectStatus;
import static io.databourse.exchange.ViewsAfterRestartTest.logon;
import static io.databourse.exchange.ViewsAfterRestartTest.newOrder;
import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.databourse.cluster.node.ClusterMembers;
import io.databourse.cluster.security.ClusterSecret;
import io.databourse.exchange.cluster.ClusterGateway;
import io.databourse.exchange.cluster.MemberProcesses;
import io.databourse.gateway.TestFixClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's gateway knows the orders entered before the cluster was stopped: its views are
 * rebuilt at start from a member's journal on this host ({@code cluster start --nodes} reads
 * member 0's), as {@code run}'s gateway rebuilds them from the matcher's. Three members, each a
 * process; an order rests, members and gateway are stopped and started again on the same data,
 * and an OrderStatusRequest answers the order's real status, not "Unknown order". The members
 * stop before the gateway, so the cancel of a cancel-on-disconnect session still logged on at the
 * stop reaches no leader: the restarted gateway finds its order live in the journal and cancels it.
 */
class ClusterGatewayRestartTest
{
    private static final String TRAFFIC = "DATA.TRAFFIC.API";

    @TempDir
    Path dir;

    private final Queue<String> log = new ConcurrentLinkedQueue<>();

    @Test
    void orderStatusAfterAClusterRestartIsTheOrdersRealStatus() throws Exception
    {
        final ClusterMembers members = ClusterMembers.onFreeLoopbackPorts(3);
        final Path clusterDir = dir.resolve("cluster");
        Files.createDirectories(clusterDir);
        final byte[] secret = ClusterSecret.createIfAbsent(dir.resolve("secret"));
        final String orderId;
        final TestFixClient cb1;
        // as cluster start --nodes does: the journal holding the most records, chosen before the members start
        final int firstJournal = ClusterGateway.mostAdvancedMemberJournal(clusterDir, members.count());
        try (MemberProcesses processes = startMembers(members);
            ClusterGateway gateway = launchGateway(members, secret, "first", firstJournal))
        {
            final int port = gateway.gateway().port();
            // not closed before the stop: a cancel-on-disconnect session trading when the cluster stops
            cb1 = logon(port, "CB1", "cb1-demo");
            newOrder(cb1, "cb1-bid", "1", 1, "10.00");
            assertEquals("0", field(cb1.expect("8"), 150));
            try (TestFixClient p2 = logon(port, "P2", "p2-demo"))
            {
                newOrder(p2, "p2-sell", "2", 10, "12.50");
                final String accepted = p2.expect("8");
                assertEquals("0", field(accepted, 150), accepted);
                orderId = field(accepted, 37);
                try (TestFixClient p1 = logon(port, "P1", "p1-demo"))
                {
                    newOrder(p1, "p1-buy", "1", 4, "12.50");
                    assertEquals("0", field(p1.expect("8"), 150));
                    assertEquals("2", field(p1.expect("8"), 39));
                }
                final String fill = p2.expect("8");
                assertEquals("1", field(fill, 39), fill);
            }
            // the members first: CB1's disconnect at the gateway's close finds no leader to cancel its bid
            processes.close();
        }
        cb1.close();

        final int secondJournal = ClusterGateway.mostAdvancedMemberJournal(clusterDir, members.count());
        try (MemberProcesses processes = startMembers(members);
            ClusterGateway gateway = launchGateway(members, secret, "second", secondJournal))
        {
            final int port = gateway.gateway().port();
            try (TestFixClient p2 = logon(port, "P2", "p2-demo"))
            {
                p2.send("H", "11=p2-sell|55=" + TRAFFIC + "|54=2|");
                final String status = expectStatus(p2);
                assertEquals(orderId, field(status, 37), status);
                assertEquals("1", field(status, 39), status);
                assertEquals("6", field(status, 151), status);
                assertEquals("4", field(status, 14), status);
            }
            try (TestFixClient again = logon(port, "CB1", "cb1-demo"))
            {
                again.send("H", "11=cb1-bid|55=" + TRAFFIC + "|54=1|");
                final String status = expectStatus(again);
                assertEquals("4", field(status, 39), "cancelled at the restart: " + status);
            }
            assertTrue(log.stream().anyMatch(line -> line.startsWith("second ") &&
                line.contains("still trading when the exchange stopped")), "CB1's cancel at start in the log");
        }
    }

    private MemberProcesses startMembers(final ClusterMembers members)
    {
        final MemberProcesses processes = new MemberProcesses("256m");
        for (int i = 0; i < members.count(); i++)
        {
            processes.start(List.of("cluster", "start", "--node", String.valueOf(i), "--members", members.toString(),
                "--data-dir", dir.resolve("cluster").toString(), "--secret-file", dir.resolve("secret").toString(),
                "--parent-pid", String.valueOf(ProcessHandle.current().pid())), dir.resolve("node-" + i + ".log"));
        }
        return processes;
    }

    private ClusterGateway launchGateway(
        final ClusterMembers members, final byte[] secret, final String run, final int journalMember)
    {
        return ClusterGateway.launch(new ClusterGateway.Settings()
            .members(members)
            .secret(secret)
            .dataDir(dir.resolve("gateway"))
            .aeronDir("/dev/shm/databourse-restart-gateway-" + run + "-" + ProcessHandle.current().pid())
            .fixPort(0)
            .journalDir(ClusterGateway.memberJournal(dir.resolve("cluster"), journalMember))
            .log(line ->
            {
                log.add(run + " " + line);
                System.out.println(java.time.Instant.now() + " " + run + " " + line);
            }));
    }
}
