package io.databourse.exchange;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.databourse.gateway.TestFixClient;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.sbe.MassCancelCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;
import io.databourse.testsupport.ChildJvm;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every view the gateway serves is the same after a restart as before it, graceful or kill -9:
 * the market data snapshot and the incremental updates after it, the status of live, filled and
 * cancelled orders, and cancel-on-disconnect of a session that was trading when the exchange
 * stopped (applied at restart as a journaled mass cancel with a ClOrdID never used before, and no
 * report of it to the client). A fill of a session that was logged off when the exchange stopped
 * is reported at its next logon, once. The demo sessions: P1, P2 and CB1 (cancel-on-disconnect).
 */
class ViewsAfterRestartTest
{
    private static final String TRAFFIC = "DATA.TRAFFIC.API";
    private static final long TIMEOUT_MS = 60_000;
    private static final Pattern FIX_PORT = Pattern.compile("FIX 4\\.4 on 127\\.0\\.0\\.1:([0-9]+)");

    @TempDir
    Path dataDir;

    /** The state clients saw before the stop, to compare with after it. */
    private static final class Seen
    {
        String book;
        String p2RestingOrderId;
        String p2FirstFillExecId;
        String cb1OrderId;
        /** Still logged on when the exchange stops. */
        TestFixClient cb1;
    }

    @Test
    void viewsAreRightAfterAGracefulRestart() throws Exception
    {
        final String aeronDir = "/dev/shm/databourse-views-" + ProcessHandle.current().pid();
        final ExchangeConfig config = new ExchangeConfig().dataDir(dataDir).aeronDir(aeronDir).fixEnabled(true).fixPort(0);
        final Seen seen;
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(config))
        {
            seen = trade(exchange.gateway().port());
        }
        seen.cb1.close();
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(
            new ExchangeConfig().dataDir(dataDir).aeronDir(aeronDir).fixEnabled(true).fixPort(0)))
        {
            checkAfterRestart(exchange.gateway().port(), seen);
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
        // CB1's bid is cancelled at the stop or, when the stop leaves no time, at restart: one mass cancel
        // at least (its status 4 is checked above), and never two with one ClOrdID
        assertCancelOnDisconnectIdsAreUnique(1);
    }

    @Test
    void viewsAreRightAfterAKill() throws Exception
    {
        final String aeronDir = "/dev/shm/databourse-views-kill-" + ProcessHandle.current().pid();
        Process engine = start(aeronDir, "first");
        final Seen seen;
        try
        {
            seen = trade(fixPort("first"));
        }
        finally
        {
            engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        seen.cb1.close();
        engine = start(aeronDir, "second");
        try
        {
            checkAfterRestart(fixPort("second"), seen);
        }
        finally
        {
            engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // A second kill, the COD session trading again: the next restart's cancel has an id of its own.
        engine = start(aeronDir, "third");
        final TestFixClient again = logon(fixPort("third"), "CB1", "cb1-demo");
        try
        {
            newOrder(again, "cb1-again", "1", 1, "10.00");
            assertEquals("0", field(again.expect("8"), 150));
        }
        finally
        {
            engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            again.close();
        }
        engine = start(aeronDir, "fourth");
        try (TestFixClient cb1 = logon(fixPort("fourth"), "CB1", "cb1-demo"))
        {
            cb1.send("H", "11=cb1-again|55=" + TRAFFIC + "|54=1|");
            assertEquals("4", field(expectStatus(cb1), 39));
        }
        finally
        {
            engine.destroy();
            engine.waitFor(30, TimeUnit.SECONDS);
            engine.destroyForcibly();
            IoUtil.delete(new File(aeronDir), true);
        }
        // Two restarts found CB1 trading (after the first kill and the second): two mass cancels at least,
        // with ids of their own. CB1's logout before the second kill sends one too, when the gateway sees
        // the logout before the kill, which the test does not wait for (CB1 had no live order then).
        assertCancelOnDisconnectIdsAreUnique(2);
    }

    /** Trades, then reads what the clients see: the book's snapshot and order statuses. CB1 stays logged on. */
    private Seen trade(final int port) throws Exception
    {
        final Seen seen = new Seen();
        // Not closed: the exchange stops while CB1 is logged on (a kill takes the connection with it).
        final TestFixClient cb1 = logon(port, "CB1", "cb1-demo");
        seen.cb1 = cb1;
        try (TestFixClient p1 = logon(port, "P1", "p1-demo"); TestFixClient p2 = logon(port, "P2", "p2-demo"))
        {
            newOrder(p2, "p2-sell", "2", 10, "12.50");
            final String p2Accepted = p2.expect("8");
            assertEquals("0", field(p2Accepted, 150), p2Accepted);
            seen.p2RestingOrderId = field(p2Accepted, 37);

            newOrder(p1, "p1-fill", "1", 4, "12.50");
            assertEquals("0", field(p1.expect("8"), 150));
            assertEquals("2", field(p1.expect("8"), 39));
            final String p2Fill = p2.expect("8");
            assertEquals("1", field(p2Fill, 39), p2Fill);
            seen.p2FirstFillExecId = field(p2Fill, 17);

            newOrder(p1, "p1-bid", "1", 3, "11.00");
            assertEquals("0", field(p1.expect("8"), 150));
            newOrder(p1, "p1-gone", "1", 2, "11.50");
            assertEquals("0", field(p1.expect("8"), 150));
            p1.send("F", "11=p1-cancel|41=p1-gone|55=" + TRAFFIC + "|54=1|60=" + TestFixClient.now() + "|");
            assertEquals("4", field(p1.expect("8"), 150));

            newOrder(cb1, "cb1-bid", "1", 1, "10.00");
            final String cb1Accepted = cb1.expect("8");
            assertEquals("0", field(cb1Accepted, 150), cb1Accepted);
            seen.cb1OrderId = field(cb1Accepted, 37);
        }
        // P2 is logged off when its offer fills once more: the report waits for its next logon.
        try (TestFixClient p1 = logon(port, "P1", "p1-demo"))
        {
            newOrder(p1, "p1-more", "1", 1, "12.50");
            assertEquals("0", field(p1.expect("8"), 150));
            assertEquals("2", field(p1.expect("8"), 39));
            p1.send("V", "262=before|263=0|264=0|267=2|269=0|269=1|146=1|55=" + TRAFFIC + "|");
            seen.book = entries(p1.expect("W"));
            assertEquals("268=4|269=0|270=11.00|271=3|269=0|270=10.00|271=1|269=1|270=12.50|271=5|269=2|270=12.50|271=1|",
                seen.book);
        }
        return seen;
    }

    private void checkAfterRestart(final int port, final Seen seen) throws Exception
    {
        try (TestFixClient p1 = logon(port, "P1", "p1-demo"); TestFixClient p2 = logon(port, "P2", "p2-demo");
            TestFixClient cb1 = logon(port, "CB1", "cb1-demo"))
        {
            // The fill that happened while P2 was logged off, reported now; the one it was sent before, not again.
            final String missed = p2.expect("8");
            assertEquals("F", field(missed, 150), missed);
            assertEquals("1", field(missed, 32), missed);
            assertEquals("5", field(missed, 14), missed);
            assertEquals("5", field(missed, 151), missed);
            assertTrue(!missed.contains("|17=" + seen.p2FirstFillExecId + "|"), missed);

            // CB1 was logged on when the exchange stopped: its bid was cancelled (at the stop, or at restart
            // when the stop left no time), and it gets no report of a mass cancel it never asked for.
            cb1.send("H", "11=cb1-bid|55=" + TRAFFIC + "|54=1|");
            final String cb1Status = expectStatus(cb1);
            assertEquals("4", field(cb1Status, 39), cb1Status);
            assertNull(nextOfType(cb1, "r", 300), "no mass cancel report for the gateway's own cancel");

            // The book as it was, less CB1's cancelled bid; the snapshot's last trade too.
            p1.send("V", "262=after|263=1|264=0|267=2|269=0|269=1|146=1|55=" + TRAFFIC + "|");
            assertEquals(seen.book.replace("268=4|", "268=3|").replace("269=0|270=10.00|271=1|", ""), entries(p1.expect("W")));
            // Incremental updates apply to that book: one more on the 12.50 offer changes a level of 5.
            newOrder(p2, "p2-more", "2", 1, "12.50");
            final String more = p2.expect("8");
            assertEquals("0", field(more, 150), more);
            assertEquals("p2-more", field(more, 11), more);
            final String change = p1.expect("X");
            assertEquals("1", field(change, 279), change);
            assertEquals("12.50", field(change, 270), change);
            assertEquals("6", field(change, 271), change);

            // Status of a live, partly filled order, by ClOrdID and by OrderID.
            p2.send("H", "11=p2-sell|55=" + TRAFFIC + "|54=2|");
            final String live = expectStatus(p2);
            assertEquals("1", field(live, 39), live);
            assertEquals("5", field(live, 151), live);
            assertEquals("5", field(live, 14), live);
            assertEquals("12.5000", field(live, 6), live);
            assertEquals(seen.p2RestingOrderId, field(live, 37), live);
            p2.send("H", "37=" + seen.p2RestingOrderId + "|11=any|55=" + TRAFFIC + "|54=2|");
            assertEquals("p2-sell", field(expectStatus(p2), 11));
            // Filled and cancelled orders are known too; another participant's are not.
            p1.send("H", "11=p1-fill|55=" + TRAFFIC + "|54=1|");
            final String filled = expectStatus(p1);
            assertEquals("2", field(filled, 39), filled);
            assertEquals("4", field(filled, 14), filled);
            p1.send("H", "11=p1-cancel|55=" + TRAFFIC + "|54=1|");
            assertEquals("4", field(expectStatus(p1), 39));
            // Resubmitted after the restart, a done order's ClOrdID is refused (103=6), filled or cancelled:
            // the views rebuilt from the journal hold it (issue 22).
            newOrder(p1, "p1-fill", "1", 4, "12.50");
            final String resubmitted = p1.expect("8");
            assertEquals("8", field(resubmitted, 150), resubmitted);
            assertEquals("6", field(resubmitted, 103), resubmitted);
            newOrder(p1, "p1-gone", "1", 2, "11.50");
            assertEquals("6", field(p1.expect("8"), 103));
            p1.send("H", "37=" + seen.p2RestingOrderId + "|11=p2-sell|55=" + TRAFFIC + "|54=2|");
            final String foreign = expectStatus(p1);
            assertEquals("NONE", field(foreign, 37), foreign);
            assertTrue(field(foreign, 58).startsWith("Unknown order"), foreign);

            // A cancel of the live order still works: the matcher and the gateway agree on it.
            p2.send("F", "11=p2-cancel|41=p2-sell|55=" + TRAFFIC + "|54=2|60=" + TestFixClient.now() + "|");
            final String cancel = p2.expect("8");
            assertEquals("4", field(cancel, 150), cancel);
            assertEquals("5", field(cancel, 14), cancel);
            assertEquals("0", field(cancel, 151), cancel);
        }
    }

    /** Each restart of a COD session that was trading sent one mass cancel, each with a ClOrdID of its own. */
    private void assertCancelOnDisconnectIdsAreUnique(final int expectedAtLeast)
    {
        final List<String> ids = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")); JournalReader reader = journal.reader())
        {
            final MassCancelCommandDecoder massCancel = new MassCancelCommandDecoder();
            while (reader.read((index, record) ->
            {
                if (record.commandType() == MessageType.MASS_CANCEL)
                {
                    Codecs.wrap(massCancel, record.buffer(), record.commandOffset());
                    if (massCancel.header().sessionId() == 0)
                    {
                        assertEquals("CB1", massCancel.participantId());
                        ids.add(massCancel.clOrdId());
                    }
                }
            }))
            {
                // all records
            }
        }
        assertTrue(ids.size() >= expectedAtLeast, ids.toString());
        final Set<String> distinct = new HashSet<>(ids);
        assertEquals(ids.size(), distinct.size(), "cancel-on-disconnect ClOrdIDs repeat: " + ids);
    }

    /**
     * Logs on, as a client would: again after a moment when the connection is closed without a Logon
     * (the gateway has not yet seen the end of this session's previous connection: "already logged on").
     */
    static TestFixClient logon(final int port, final String compId, final String password) throws Exception
    {
        for (int attempt = 1; ; attempt++)
        {
            final TestFixClient client = new TestFixClient(port, compId, "DATABOURSE");
            client.logon("141=Y|553=" + compId + "|554=" + password + "|");
            final String reply = client.receive(10_000);
            if (null != reply && "A".equals(field(reply, 35)))
            {
                return client;
            }
            client.close();
            if (attempt == 20)
            {
                throw new AssertionError(compId + ": no Logon, last answer " + reply);
            }
            Thread.sleep(100);
        }
    }

    static void newOrder(final TestFixClient client, final String clOrdId, final String side, final long qty,
        final String price) throws Exception
    {
        client.send("D", "11=" + clOrdId + "|55=" + TRAFFIC + "|54=" + side + "|38=" + qty + "|40=2|44=" + price +
            "|59=1|60=" + TestFixClient.now() + "|");
    }

    static String expectStatus(final TestFixClient client) throws Exception
    {
        while (true)
        {
            final String report = client.expect("8");
            if ("I".equals(field(report, 150)))
            {
                return report;
            }
        }
    }

    /** The next message of a type within the time, or null (others are skipped). */
    private static String nextOfType(final TestFixClient client, final String msgType, final long timeoutMs) throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        String message;
        while (System.currentTimeMillis() < deadline &&
            null != (message = client.receive(Math.max(1, deadline - System.currentTimeMillis()))))
        {
            if (msgType.equals(field(message, 35)))
            {
                return message;
            }
        }
        return null;
    }

    /** The entries of a snapshot: from NoMDEntries to the end of the body. */
    private static String entries(final String snapshot)
    {
        final int from = snapshot.indexOf("|268=") + 1;
        final int to = snapshot.indexOf("|10=");
        return snapshot.substring(from, to + 1);
    }

    private Process start(final String aeronDir, final String name) throws Exception
    {
        final Path log = dataDir.resolve(name + ".log");
        final List<String> cmd = ChildJvm.command("512m", ExchangeMain.class.getName(), "run",
            "--data-dir", dataDir.toString(), "--aeron-dir", aeronDir, "--fix-port", "0", "--no-settlement");
        cmd.add(1, "-Ddatabourse.idle=sleep");
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            if (Files.exists(log) && Files.readString(log).contains("DataBourse running"))
            {
                return p;
            }
            if (!p.isAlive())
            {
                throw new AssertionError("engine died: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("engine did not start: " + Files.readString(log));
    }

    private int fixPort(final String name) throws Exception
    {
        final Matcher m = FIX_PORT.matcher(Files.readString(dataDir.resolve(name + ".log")));
        assertTrue(m.find(), "no FIX port in the engine's log");
        return Integer.parseInt(m.group(1));
    }
}
