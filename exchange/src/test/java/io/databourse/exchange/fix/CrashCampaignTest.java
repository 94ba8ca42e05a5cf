package io.databourse.exchange.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.databourse.exchange.ExchangeMain;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.settlement.SettlementRun;
import io.databourse.testsupport.ChildJvm;
import io.databourse.testsupport.QuickFixJClient;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.MarketDataRequest;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

/**
 * The crash campaign (issue 16): kill -9 the exchange at random moments while several QuickFIX/J
 * sessions trade, restart it, and after every restart check that
 * <ul>
 * <li>no acknowledged order is lost: every ClOrdID a client got 150=0 for is in the journal;</li>
 * <li>no execution report came twice: ExecIDs are unique per client across every restart (PossDup
 *     resends apart), fills included;</li>
 * <li>order status and market data are what a replay of the journal says: 39/14/151 of a sample
 *     of each client's orders, and the book's levels in a snapshot;</li>
 * <li>the ledger balances: settlement of the whole journal passes its invariants;</li>
 * <li>{@code verify} passes: the journal replays byte for byte, cash conserved.</li>
 * </ul>
 * Seeded ({@code -Dcampaign.seed}); {@code -Dcampaign.kills=N} (CI: 3; {@code bin/campaign crash}
 * runs 100). Writes its figures to {@code target/campaigns/crash.txt}.
 */
class CrashCampaignTest
{
    private static final String TRAFFIC = "DATA.TRAFFIC.API";
    private static final long START_TIMEOUT_MS = 120_000;
    private static final String[][] SESSIONS = {{"P1", "p1-demo"}, {"P2", "p2-demo"}, {"CB1", "cb1-demo"}};

    @TempDir
    Path dir;

    /** What a client was told, across every restart. */
    private static final class Seen
    {
        final Set<String> execIds = ConcurrentHashMap.newKeySet();
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final List<String> duplicates = new ArrayList<>();
        final AtomicLong reports = new AtomicLong();
        final AtomicLong fills = new AtomicLong();
    }

    private final Map<String, Seen> seen = new HashMap<>();
    private Process engine;

    @Test
    void noAcknowledgedOrderIsLostAndEveryViewMatchesTheJournalAcrossKills() throws Exception
    {
        final int kills = Integer.getInteger("campaign.kills", 3);
        final long seed = Long.getLong("campaign.seed", System.nanoTime());
        final Random random = new Random(seed);
        final String aeronDir = "/dev/shm/databourse-crash-" + ProcessHandle.current().pid();
        final int port = freePort();
        for (final String[] session : SESSIONS)
        {
            seen.put(session[0], new Seen());
        }
        long ordersSent = 0;
        final long startMs = System.currentTimeMillis();
        final Path progress = Path.of("target/campaigns/crash.progress");
        Files.createDirectories(progress.getParent());
        Files.writeString(progress, "");
        try
        {
            for (int round = 0; round <= kills; round++)
            {
                start(aeronDir, port, round);
                final List<QuickFixJClient> clients = logOn(port);
                try
                {
                    check("seed " + seed + ", after restart " + round, clients, random);
                    Files.writeString(progress, Instant.now() + " crash campaign: restart " + round + " of " + kills +
                        " checked, " + ordersSent + " orders sent so far\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
                    if (round == kills)
                    {
                        break;
                    }
                    ordersSent += tradeThenKill(clients, random);
                }
                finally
                {
                    for (final QuickFixJClient client : clients)
                    {
                        client.close();
                    }
                }
            }
        }
        finally
        {
            if (null != engine)
            {
                engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            IoUtil.delete(new java.io.File(aeronDir), true);
        }
        long reports = 0;
        long fills = 0;
        for (final Seen s : seen.values())
        {
            reports += s.reports.get();
            fills += s.fills.get();
        }
        final String line = Instant.now() + " crash campaign: seed " + seed + ", " + kills + " kills, " + ordersSent +
            " orders sent, " + reports + " execution reports (" + fills + " fills) received, 0 acknowledged orders lost, " +
            "0 duplicate reports, status, book, ledger and verify matched the journal after every restart, " +
            (System.currentTimeMillis() - startMs) / 1000 + " s";
        Files.createDirectories(Path.of("target/campaigns"));
        Files.writeString(Path.of("target/campaigns/crash.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8);
        System.out.println(line);
    }

    private void start(final String aeronDir, final int port, final int round) throws Exception
    {
        final Path log = dir.resolve("engine-" + round + ".log");
        final List<String> cmd = ChildJvm.command("768m", ExchangeMain.class.getName(), "run",
            "--data-dir", dir.resolve("data").toString(), "--aeron-dir", aeronDir, "--fix-port", Integer.toString(port),
            "--positions-port", "0");
        cmd.add(1, "-Ddatabourse.idle=sleep");
        engine = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            if (Files.exists(log) && Files.readString(log).contains("DataBourse running"))
            {
                return;
            }
            if (!engine.isAlive())
            {
                throw new AssertionError("engine died: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("engine did not start: " + Files.readString(log));
    }

    private List<QuickFixJClient> logOn(final int port) throws Exception
    {
        final List<QuickFixJClient> clients = new ArrayList<>();
        for (final String[] session : SESSIONS)
        {
            final QuickFixJClient client = new QuickFixJClient(port, session[0], session[1]);
            final Seen s = seen.get(session[0]);
            client.listener = m -> record(s, m);
            clients.add(client.start());
        }
        for (final QuickFixJClient client : clients)
        {
            assertTrue(client.awaitLogon(), client.compId + " logged on");
        }
        return clients;
    }

    private static void record(final Seen s, final Message m)
    {
        try
        {
            if (!MsgType.EXECUTION_REPORT.equals(m.getHeader().getString(MsgType.FIELD)))
            {
                return;
            }
            final char execType = m.getChar(ExecType.FIELD);
            if (ExecType.ORDER_STATUS == execType || m.getString(ExecID.FIELD).startsWith("G"))
            {
                return; // answers and gateway-made rejects: not events
            }
            if (m.getHeader().isSetField(PossDupFlag.FIELD) && m.getHeader().getBoolean(PossDupFlag.FIELD))
            {
                return; // a resend is a copy by definition
            }
            s.reports.incrementAndGet();
            if (!s.execIds.add(m.getString(ExecID.FIELD)))
            {
                synchronized (s.duplicates)
                {
                    s.duplicates.add(m.toString());
                }
            }
            if (ExecType.TRADE == execType)
            {
                s.fills.incrementAndGet();
            }
            if (ExecType.NEW == execType)
            {
                s.acked.add(m.getString(ClOrdID.FIELD));
            }
        }
        catch (final quickfix.FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Sends orders and cancels from every client until a random moment, then kills the engine. */
    private long tradeThenKill(final List<QuickFixJClient> clients, final Random random) throws Exception
    {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong sent = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();
        for (final QuickFixJClient client : clients)
        {
            final long threadSeed = random.nextLong();
            final Thread t = new Thread(() -> load(client, new Random(threadSeed), running, sent), "load-" + client.compId);
            t.start();
            threads.add(t);
        }
        Thread.sleep(300 + random.nextInt(2_500));
        engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        running.set(false);
        for (final Thread t : threads)
        {
            t.join(30_000);
        }
        return sent.get();
    }

    private static void load(final QuickFixJClient client, final Random random, final AtomicBoolean running,
        final AtomicLong sent)
    {
        final List<String> mine = new ArrayList<>();
        int n = 0;
        while (running.get())
        {
            try
            {
                client.received.clear();
                final String clOrdId = client.compId + "-" + Long.toString(System.nanoTime(), 36) + "-" + n++;
                if (!mine.isEmpty() && random.nextInt(5) == 0)
                {
                    final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(mine.remove(random.nextInt(mine.size()))),
                        new ClOrdID(clOrdId), new Side(Side.BUY), new TransactTime(LocalDateTime.now()));
                    cancel.set(new Symbol(TRAFFIC));
                    client.send(cancel);
                }
                else
                {
                    final boolean buy = !"P2".equals(client.compId) || random.nextInt(3) == 0;
                    final NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), new Side(buy ? Side.BUY : Side.SELL),
                        new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
                    order.set(new Symbol(TRAFFIC));
                    order.set(new OrderQty(1 + random.nextInt(5)));
                    order.set(new Price((1150 + random.nextInt(100)) / 100.0));
                    order.set(new TimeInForce(random.nextInt(4) == 0 ? TimeInForce.IMMEDIATE_OR_CANCEL : TimeInForce.GOOD_TILL_CANCEL));
                    client.send(order);
                    mine.add(clOrdId);
                }
                sent.incrementAndGet();
                Thread.sleep(5 + random.nextInt(15));
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final RuntimeException | quickfix.SessionNotFound ex)
            {
                return; // the engine is gone: the send failed
            }
        }
    }

    /** Every check of the campaign, against a model of the journal the test builds on its own. */
    private void check(final String when, final List<QuickFixJClient> clients, final Random random) throws Exception
    {
        final Path journalDir = dir.resolve("data").resolve("journal");
        // verify: the journal replays byte for byte, and cash is conserved.
        try (Journal journal = Journal.openReadOnly(journalDir); JournalReader reader = journal.reader())
        {
            final Matcher matcher = new Matcher(new MatcherContext().conclude());
            JournalRecovery.replay(reader, matcher);
            assertTrue(matcher.isCashConserved(), when + ": cash conserved");
        }
        // the ledger balances: settling the whole journal passes every stage's invariants.
        final Path out = dir.resolve("settle-" + System.nanoTime());
        SettlementRun.run(journalDir, out);
        IoUtil.delete(out.toFile(), true);

        // Once the journal is still (a cancel-on-disconnect at restart may still be on its way), read it.
        JournalModel model = JournalModel.read(journalDir);
        for (int i = 0; i < 50; i++)
        {
            Thread.sleep(200);
            final JournalModel again = JournalModel.read(journalDir);
            if (again.lastSeq() == model.lastSeq())
            {
                break;
            }
            model = again;
        }
        for (final Map.Entry<String, Seen> e : seen.entrySet())
        {
            final Seen s = e.getValue();
            synchronized (s.duplicates)
            {
                assertTrue(s.duplicates.isEmpty(), when + ": " + e.getKey() + " got reports twice: " + s.duplicates);
            }
            for (final String clOrdId : s.acked)
            {
                assertTrue(model.has(e.getKey(), clOrdId), when + ": acknowledged " + clOrdId + " of " + e.getKey() +
                    " is not in the journal");
            }
        }
        for (final QuickFixJClient client : clients)
        {
            checkStatuses(when, client, model, random);
        }
        checkBook(when, clients.get(0), model);
    }

    private void checkStatuses(final String when, final QuickFixJClient client, final JournalModel model, final Random random)
        throws Exception
    {
        final List<String> ids = new ArrayList<>(model.clOrdIds(client.compId));
        for (int i = 0; i < Math.min(20, ids.size()); i++)
        {
            final String clOrdId = ids.get(random.nextInt(ids.size()));
            final JournalModel.Order expected = model.order(client.compId, clOrdId);
            final OrderStatusRequest request = new OrderStatusRequest(new ClOrdID(clOrdId), new Side(Side.BUY));
            request.set(new Symbol(TRAFFIC));
            client.received.clear();
            client.send(request);
            final Message status = client.next(MsgType.EXECUTION_REPORT);
            final String actual = status.getChar(quickfix.field.OrdStatus.FIELD) + " cum " +
                status.getString(quickfix.field.CumQty.FIELD) + " leaves " + status.getString(quickfix.field.LeavesQty.FIELD);
            assertEquals(expected.ordStatus + " cum " + expected.cumQty + " leaves " + expected.leavesQty, actual,
                when + ": status of " + client.compId + " " + clOrdId + " (order " + expected.orderId + ")");
        }
    }

    private void checkBook(final String when, final QuickFixJClient client, final JournalModel model) throws Exception
    {
        final MarketDataRequest request = new MarketDataRequest(new MDReqID("crash-" + System.nanoTime()),
            new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT), new MarketDepth(0));
        final MarketDataRequest.NoMDEntryTypes types = new MarketDataRequest.NoMDEntryTypes();
        types.set(new quickfix.field.MDEntryType(quickfix.field.MDEntryType.BID));
        request.addGroup(types);
        types.set(new quickfix.field.MDEntryType(quickfix.field.MDEntryType.OFFER));
        request.addGroup(types);
        final MarketDataRequest.NoRelatedSym symbol = new MarketDataRequest.NoRelatedSym();
        symbol.set(new Symbol(TRAFFIC));
        request.addGroup(symbol);
        client.received.clear();
        client.send(request);
        final Message snapshot = client.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
        final TreeMap<String, Long> levels = new TreeMap<>();
        for (final Group entry : snapshot.getGroups(quickfix.field.NoMDEntries.FIELD))
        {
            final char type = entry.getChar(quickfix.field.MDEntryType.FIELD);
            if (type == '0' || type == '1')
            {
                levels.put((type == '0' ? "bid " : "offer ") + Math.round(entry.getDouble(quickfix.field.MDEntryPx.FIELD) * 100),
                    (long)entry.getDouble(quickfix.field.MDEntrySize.FIELD));
            }
        }
        assertEquals(model.levels(TRAFFIC), levels, when + ": the book's levels");
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
