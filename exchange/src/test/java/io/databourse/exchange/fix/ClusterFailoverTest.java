package io.databourse.exchange.fix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.databourse.cluster.JournalFiles;
import io.databourse.cluster.node.ClusterMembers;
import io.databourse.cluster.security.ClusterSecret;
import io.databourse.cluster.status.ClusterStatus;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.cluster.ClusterGateway;
import io.databourse.exchange.cluster.MemberProcesses;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.testsupport.QuickFixJClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;

/**
 * Issue 22's failover test: three cluster members, each a process of its own on loopback, and a
 * gateway whose FIX sessions (unmodified QuickFIX/J initiators, a buyer and a seller) trade
 * throughout. A snapshot is taken mid-load ({@code cluster snapshot}); the leader is killed with
 * kill -9, restarted (from the snapshot and the log after it) and caught up, and the next leader is
 * killed and restarted too. Afterwards: every order acknowledged to a client (ExecutionReport
 * New or Trade) is in the journal, no order was accepted or filled twice, every order sent was
 * answered, every member's journal holds the same records, and trading resumed after each kill;
 * the time from each kill to the first acknowledgement of an order sent after it is printed.
 * <p>Small in CI (about a minute); {@code -Ddatabourse.failover.scale=N} runs N times the orders
 * and the time.
 */
class ClusterFailoverTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int SCALE = Integer.getInteger("databourse.failover.scale", 1);
    /** Pairs of crossing orders a second (one buy of P1, one sell of P2). */
    private static final int PAIRS_PER_S = 40;
    private static final long PHASE_MS = 2_500L * SCALE;
    private static final String SYMBOL = "DATA.TRAFFIC.API";

    @TempDir
    Path dir;

    /** What one order's client heard. */
    private static final class Outcome
    {
        final long sentNs;
        volatile long ackedNs;
        volatile int news;
        volatile long filledQty;
        volatile int rejects;
        volatile String rejectText;

        Outcome(final long sentNs)
        {
            this.sentNs = sentNs;
        }
    }

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final AtomicBoolean trading = new AtomicBoolean(true);
    private final AtomicLong pairsSent = new AtomicLong();

    private List<String> memberArgs(final int memberId, final ClusterMembers members)
    {
        return List.of("cluster", "start", "--node", String.valueOf(memberId), "--members", members.toString(),
            "--data-dir", dir.resolve("cluster").toString(), "--secret-file", dir.resolve("secret").toString(),
            "--parent-pid", String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void killingTheLeaderTwiceUnderFixLoadLosesNoAcknowledgedOrderAndExecutesNoneTwice() throws Exception
    {
        final ClusterMembers members = ClusterMembers.onFreeLoopbackPorts(3);
        final Path referenceData = dir.resolve("reference-data.jsonl");
        try (var in = EmbeddedExchange.open("classpath:/demo/reference-data.jsonl"))
        {
            Files.write(referenceData, in.readAllBytes());
        }
        // the seller's inventory lasts any scale of the test
        Files.writeString(referenceData, "\n{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"" + SYMBOL +
            "\",\"qty\":10000000}\n", java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(dir.resolve("cluster"));
        ClusterSecret.createIfAbsent(dir.resolve("secret"));
        final MemberProcesses processes = new MemberProcesses("320m", List.of(
            "-Ddatabourse.matcher.orders.max=65536", "-Ddatabourse.matcher.levels.max=4096"));
        final Process[] member = new Process[3];
        try (processes)
        {
            runFailovers(members, referenceData, processes, member);
        }
        finally
        {
            keepLogs();
        }
        checkJournals();
        auditEveryMember();
    }

    /**
     * Each member's directory reads like a data directory: {@code audit verify} replays its journal and
     * checks its snapshot files (the cluster's, in the matcher's one format) against the replayed state.
     */
    private void auditEveryMember()
    {
        for (int i = 0; i < 3; i++)
        {
            final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            final int status = io.databourse.exchange.ExchangeMain.execute(new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true), "audit", "verify", dir.resolve("cluster").resolve("node-" + i).toString());
            assertEquals(0, status, "audit verify of member " + i + ": " + out + err);
            assertTrue(out.toString().contains("snapshots: OK, "), "member " + i + "'s snapshots checked: " + out);
            System.out.print("audit verify node-" + i + ": " + out);
        }
    }

    /** The members' output, kept under target/ for a look after the run (the temporary directory goes). */
    private void keepLogs() throws java.io.IOException
    {
        final Path kept = Path.of("target", "cluster-failover-logs");
        Files.createDirectories(kept);
        for (int i = 0; i < 3; i++)
        {
            final Path log = dir.resolve("node-" + i + ".log");
            if (Files.exists(log))
            {
                Files.copy(log, kept.resolve("node-" + i + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void runFailovers(
        final ClusterMembers members, final Path referenceData, final MemberProcesses processes, final Process[] member)
        throws Exception
    {
        {
            for (int i = 0; i < 3; i++)
            {
                member[i] = processes.start(memberArgs(i, members), dir.resolve("node-" + i + ".log"));
            }
            try (ClusterGateway gateway = ClusterGateway.launch(new ClusterGateway.Settings()
                .members(members)
                .secret(ClusterSecret.createIfAbsent(dir.resolve("secret")))
                .dataDir(dir.resolve("gateway"))
                .aeronDir("/dev/shm/databourse-failover-gateway-" + ProcessHandle.current().pid())
                .fixPort(0)
                .bootstrapFile(referenceData.toString())
                .log(line -> System.out.println(java.time.Instant.now() + " " + line)));
                QuickFixJClient buyer = new QuickFixJClient(gateway.gateway().port(), "P1", "p1-demo").start();
                QuickFixJClient seller = new QuickFixJClient(gateway.gateway().port(), "P2", "p2-demo").start())
            {
                assertTrue(buyer.awaitLogon(), "P1 logon");
                assertTrue(seller.awaitLogon(), "P2 logon");
                final Thread buyerReports = reportReader(buyer);
                final Thread sellerReports = reportReader(seller);
                final Thread load = new Thread(() -> load(buyer, seller), "failover-load");
                load.start();

                TimeUnit.MILLISECONDS.sleep(PHASE_MS);
                // a snapshot mid-load: the members restarted below load it and replay only the log after it
                final java.io.ByteArrayOutputStream snapshotOut = new java.io.ByteArrayOutputStream();
                assertEquals(0, io.databourse.exchange.ExchangeMain.execute(new java.io.PrintStream(snapshotOut, true),
                    System.err, "cluster", "snapshot", "--data-dir", dir.resolve("cluster").toString()),
                    "cluster snapshot: " + snapshotOut);
                System.out.print("cluster snapshot: " + snapshotOut);
                final List<String> failovers = new ArrayList<>();
                for (int round = 1; round <= 2; round++)
                {
                    final List<ClusterStatus.Member> before = ClusterStatus.read(dir.resolve("cluster"));
                    final int leader = ClusterStatus.leader(before);
                    assertTrue(leader >= 0, "a leader before kill " + round + ":\n" + ClusterStatus.format(before));
                    final long termBefore = before.get(leader).leadershipTermId();
                    final long killedNs = System.nanoTime();
                    member[leader].destroyForcibly(); // SIGKILL: no goodbye to the others
                    member[leader].waitFor();
                    final long electedNs = awaitNewLeader(termBefore);
                    TimeUnit.MILLISECONDS.sleep(PHASE_MS);
                    final long resumedNs = firstAckOfAnOrderSentAfter(killedNs);
                    assertTrue(resumedNs > 0, "trading resumed after kill " + round);
                    failovers.add(String.format("kill %d (member %d, the leader): new leader after %d ms, " +
                        "first order sent after the kill acknowledged after %d ms", round, leader,
                        TimeUnit.NANOSECONDS.toMillis(electedNs - killedNs), TimeUnit.NANOSECONDS.toMillis(resumedNs - killedNs)));
                    member[leader] = processes.start(memberArgs(leader, members), dir.resolve("node-" + leader + ".log"));
                    awaitCaughtUp(leader);
                }
                TimeUnit.MILLISECONDS.sleep(PHASE_MS / 2);
                trading.set(false);
                load.join();
                awaitAllAnswered();
                buyerReports.interrupt();
                sellerReports.interrupt();
                final long seq = awaitSameSeqEverywhere();
                failovers.forEach(System.out::println);
                System.out.println("pairs sent " + pairsSent.get() + ", records " + seq + ", link: " +
                    gateway.link().leaderChanges() + " leader changes, " + gateway.link().commandsResent() +
                    " commands resent, longest interruption " +
                    TimeUnit.NANOSECONDS.toMillis(gateway.link().longestInterruptionNs()) + " ms");
            }
        }
    }

    private void load(final QuickFixJClient buyer, final QuickFixJClient seller)
    {
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / PAIRS_PER_S;
        long next = System.nanoTime();
        int n = 0;
        while (trading.get())
        {
            final String sell = "S" + n;
            final String buy = "B" + n;
            try
            {
                outcomes.put(sell, new Outcome(System.nanoTime()));
                seller.send(QuickFixJExchangeTest.limit(sell, quickfix.field.Side.SELL, SYMBOL, 1, 12.00));
                outcomes.put(buy, new Outcome(System.nanoTime()));
                buyer.send(QuickFixJExchangeTest.limit(buy, quickfix.field.Side.BUY, SYMBOL, 1, 12.00));
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
            n++;
            pairsSent.incrementAndGet();
            next += intervalNs;
            final long sleepNs = next - System.nanoTime();
            if (sleepNs > 0)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(sleepNs);
            }
        }
    }

    private Thread reportReader(final QuickFixJClient client)
    {
        final Thread t = new Thread(() ->
        {
            try
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    final Message m = client.received.poll(100, TimeUnit.MILLISECONDS);
                    if (null != m && MsgType.EXECUTION_REPORT.equals(m.getHeader().getString(MsgType.FIELD)))
                    {
                        onReport(m);
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }, "reports-" + client.compId);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void onReport(final Message m) throws Exception
    {
        final Outcome outcome = outcomes.get(m.getString(ClOrdID.FIELD));
        if (null == outcome)
        {
            return;
        }
        final char execType = m.getChar(ExecType.FIELD);
        if (ExecType.NEW == execType || ExecType.TRADE == execType)
        {
            if (0 == outcome.ackedNs)
            {
                outcome.ackedNs = System.nanoTime();
            }
            if (ExecType.NEW == execType)
            {
                outcome.news++;
            }
            else
            {
                outcome.filledQty += (long)m.getDouble(quickfix.field.LastQty.FIELD);
            }
        }
        else if (ExecType.REJECTED == execType)
        {
            outcome.rejects++;
            outcome.rejectText = m.isSetField(quickfix.field.Text.FIELD) ? m.getString(quickfix.field.Text.FIELD) : "";
        }
    }

    private long awaitNewLeader(final long termBefore) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline)
        {
            final List<ClusterStatus.Member> now = ClusterStatus.read(dir.resolve("cluster"));
            final int leader = ClusterStatus.leader(now);
            if (leader >= 0 && now.get(leader).leadershipTermId() > termBefore)
            {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new AssertionError("no new leader within " + TIMEOUT + ":\n" + ClusterStatus.format(ClusterStatus.read(dir.resolve("cluster"))));
    }

    private long firstAckOfAnOrderSentAfter(final long killedNs)
    {
        long first = 0;
        for (final Outcome outcome : outcomes.values())
        {
            if (outcome.sentNs > killedNs && outcome.ackedNs > 0 && (0 == first || outcome.ackedNs < first))
            {
                first = outcome.ackedNs;
            }
        }
        return first;
    }

    /** Waits until the restarted member has applied what the leader has. */
    private void awaitCaughtUp(final int memberId) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline)
        {
            final List<ClusterStatus.Member> now = ClusterStatus.read(dir.resolve("cluster"));
            final int leader = ClusterStatus.leader(now);
            if (leader >= 0 && now.get(memberId).running() &&
                now.get(memberId).appliedSeq() >= now.get(leader).appliedSeq() - 5 * PAIRS_PER_S)
            {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("member " + memberId + " did not catch up:\n" + ClusterStatus.format(ClusterStatus.read(dir.resolve("cluster"))));
    }

    private void awaitAllAnswered() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline)
        {
            final long unanswered = outcomes.values().stream().filter(o -> 0 == o.ackedNs && 0 == o.rejects).count();
            if (0 == unanswered)
            {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        final List<String> missing = new ArrayList<>();
        outcomes.forEach((id, o) ->
        {
            if (0 == o.ackedNs && 0 == o.rejects)
            {
                missing.add(id);
            }
        });
        throw new AssertionError(missing.size() + " orders never answered, e.g. " + missing.subList(0, Math.min(10, missing.size())));
    }

    private long awaitSameSeqEverywhere() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline)
        {
            final List<ClusterStatus.Member> now = ClusterStatus.read(dir.resolve("cluster"));
            if (now.stream().allMatch(ClusterStatus.Member::running) &&
                now.stream().mapToLong(ClusterStatus.Member::appliedSeq).distinct().count() == 1)
            {
                return now.get(0).appliedSeq();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("members did not converge:\n" + ClusterStatus.format(ClusterStatus.read(dir.resolve("cluster"))));
    }

    /** All three journals the same; every acknowledged order in it once; no order accepted or filled twice. */
    private void checkJournals()
    {
        final List<List<byte[]>> journals = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            journals.add(JournalFiles.records(dir.resolve("cluster").resolve("node-" + i).resolve("journal")));
        }
        for (int i = 1; i < 3; i++)
        {
            assertEquals(journals.get(0).size(), journals.get(i).size(), "member " + i + " journaled as many records");
            for (int r = 0; r < journals.get(0).size(); r++)
            {
                assertArrayEquals(journals.get(0).get(r), journals.get(i).get(r), "member " + i + " record " + (r + 1));
            }
        }
        final Map<String, Integer> accepted = new HashMap<>();
        final Map<String, Integer> filled = new HashMap<>();
        final OrderEventDecoder order = new OrderEventDecoder();
        final TradeEventDecoder trade = new TradeEventDecoder();
        for (final byte[] bytes : journals.get(0))
        {
            new JournalRecord().wrap(new org.agrona.concurrent.UnsafeBuffer(bytes), 0).forEachEvent((type, buffer, offset, length) ->
            {
                if (MessageType.ORDER_ACCEPTED == type)
                {
                    Codecs.wrap(order, buffer, offset);
                    accepted.merge(order.clOrdId(), 1, Integer::sum);
                }
                else if (MessageType.TRADE == type)
                {
                    Codecs.wrap(trade, buffer, offset);
                    filled.merge(trade.buyClOrdId(), 1, Integer::sum);
                    filled.merge(trade.sellClOrdId(), 1, Integer::sum);
                }
            });
        }
        int acknowledged = 0;
        for (final Map.Entry<String, Outcome> e : outcomes.entrySet())
        {
            final Outcome o = e.getValue();
            assertTrue(o.news <= 1, e.getKey() + " acknowledged New " + o.news + " times");
            assertTrue(o.filledQty <= 1, e.getKey() + " filled " + o.filledQty + " for a quantity of 1");
            if (o.ackedNs > 0)
            {
                acknowledged++;
                assertEquals(Integer.valueOf(1), accepted.get(e.getKey()), e.getKey() + " acknowledged, accepted once in the journal");
            }
        }
        accepted.forEach((id, n) -> assertEquals(1, n.intValue(), id + " accepted " + n + " times"));
        filled.forEach((id, n) -> assertEquals(1, n.intValue(), id + " filled " + n + " times"));
        System.out.println("orders sent " + outcomes.size() + ", acknowledged " + acknowledged + ", accepted in the journal " +
            accepted.size() + ", filled " + filled.size() + ", rejected by the gateway while no leader could take them " +
            outcomes.values().stream().filter(o -> o.rejects > 0 && 0 == o.ackedNs).count());
        assertTrue(acknowledged > outcomes.size() / 2, "most orders went through");
    }
}
