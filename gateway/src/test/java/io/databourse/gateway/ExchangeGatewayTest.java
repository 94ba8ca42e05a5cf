package io.databourse.gateway;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.List;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.ExchangeStreams;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The exchange application end to end through the Netty gateway and a real Aeron media driver:
 * FIX clients on one side, a fake matcher answering with hand-built journal records on the other,
 * over aeron:ipc and over aeron:udp on loopback.
 */
class ExchangeGatewayTest
{
    static final String ALICE_PASSWORD = "alice-secret";
    static final String BOB_PASSWORD = "bob-secret";

    @TempDir
    Path tempDir;

    private MediaDriver driver;
    private Aeron aeron;
    private FakeMatcher matcher;
    private FixGateway gateway;

    /** A fast hash for tests (the files' hashes take 600,000 iterations). */
    static io.databourse.edge.PasswordHash testHash(final String password)
    {
        return io.databourse.edge.PasswordHash.parseForTests(io.databourse.edge.PasswordHash.hash(password, 1_000));
    }

    static List<SessionConfig> sessions()
    {
        return List.of(
            new SessionConfig().sessionId(11).senderCompId("DBX").targetCompId("ALICE").participant("alice")
                .passwordHash(testHash(ALICE_PASSWORD)).resetOnLogon(true).cancelOnDisconnect(true).conclude(),
            new SessionConfig().sessionId(12).senderCompId("DBX").targetCompId("BOB").participant("bob")
                .passwordHash(testHash(BOB_PASSWORD)).resetOnLogon(true).conclude(),
            new SessionConfig().sessionId(13).senderCompId("DBX").targetCompId("CAROL").participant("carol")
                .passwordHash(testHash("carol")).resetOnLogon(true).throttleMessagesPerS(1).conclude());
    }

    private void start(final String commandChannel, final String eventChannel, final boolean withMatcher)
        throws InterruptedException
    {
        final String dir = "/dev/shm/databourse-gw-test-" + ProcessHandle.current().pid();
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(1, 1, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        gateway = FixGateway.launch(new GatewayContext()
            .port(0)
            .ioThreads(2)
            .sessions(sessions())
            .sequenceStoreDir(new File(tempDir.toFile(), "seqnums"))
            .exchangeLink(new ExchangeLinkContext().aeron(aeron).commandChannel(commandChannel).eventChannel(eventChannel))
            .ioLingerPolls(0));
        if (withMatcher)
        {
            matcher = new FakeMatcher(aeron, commandChannel, ExchangeStreams.COMMAND_STREAM_ID, eventChannel,
                ExchangeStreams.EVENT_STREAM_ID);
            matcher.start();
            awaitProducts(gateway);
        }
    }

    /** The product registration published by the fake matcher has reached the gateway's directory. */
    static void awaitProducts(final FixGateway gateway) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (gateway.knownProductCount() == 0 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1);
        }
        assertEquals(1, gateway.knownProductCount());
    }

    @AfterEach
    void stop() throws Exception
    {
        CloseHelper.close(gateway);
        if (null != matcher)
        {
            matcher.close();
        }
        CloseHelper.closeAll(aeron, driver);
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private TestFixClient logon(final String compId, final String password) throws Exception
    {
        final TestFixClient client = new TestFixClient(gateway.port(), compId, "DBX");
        client.logon("553=" + compId + "|554=" + password + "|");
        client.expect("A");
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void tradesBetweenTwoSessionsOverAeron(final String transport) throws Exception
    {
        if (transport.equals("ipc"))
        {
            start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        }
        else
        {
            start("aeron:udp?endpoint=127.0.0.1:" + freeUdpPort(), "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort(), true);
        }
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD); TestFixClient bob = logon("BOB", BOB_PASSWORD))
        {
            alice.send("x", "320=req1|559=4|");
            final String list = alice.expect("y");
            assertEquals("DATA-1", field(list, 55), list);
            assertEquals("1", field(list, 146), list);
            assertTrue(field(list, 107).contains("kind=data"), list);
            assertTrue(field(list, 107).contains("tick=0.01 lot=1"), list);
            assertTrue(field(list, 107).contains("status=listed"), list);

            alice.send("D", "11=a1|55=DATA-1|54=1|38=10|40=2|44=12.34|60=" + TestFixClient.now() + "|");
            final String aliceNew = alice.expect("8");
            assertTrue(field(aliceNew, 17).matches("[0-9]+-0"), aliceNew);
            assertEquals("0", field(aliceNew, 150), aliceNew);
            assertEquals("0", field(aliceNew, 39), aliceNew);
            assertEquals("a1", field(aliceNew, 11), aliceNew);
            assertEquals("DATA-1", field(aliceNew, 55), aliceNew);
            assertEquals("12.34", field(aliceNew, 44), aliceNew);
            assertEquals("10", field(aliceNew, 151), aliceNew);
            assertEquals("alice", field(aliceNew, 1), aliceNew);

            bob.send("D", "11=b1|55=DATA-1|54=2|38=10|40=2|44=12.00|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(bob.expect("8"), 150));
            final String bobFill = bob.expect("8");
            assertEquals("F", field(bobFill, 150), bobFill);
            assertEquals("2", field(bobFill, 39), bobFill);
            assertEquals("12.34", field(bobFill, 31), bobFill);
            assertEquals("10", field(bobFill, 32), bobFill);
            assertEquals("b1", field(bobFill, 11), bobFill);
            assertEquals("2", field(bobFill, 54), bobFill);

            final String aliceFill = alice.expect("8");
            assertEquals("F", field(aliceFill, 150), aliceFill);
            assertEquals("a1", field(aliceFill, 11), aliceFill);
            assertEquals("12.3400", field(aliceFill, 6), aliceFill);
            assertEquals("0", field(aliceFill, 151), aliceFill);

            // A resting order, cancelled.
            alice.send("D", "11=a2|55=DATA-1|54=1|38=5|40=2|44=1|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(alice.expect("8"), 150));
            alice.send("F", "11=c1|41=a2|55=DATA-1|54=1|60=" + TestFixClient.now() + "|");
            final String cancelled = alice.expect("8");
            assertEquals("4", field(cancelled, 150), cancelled);
            assertEquals("c1", field(cancelled, 11), cancelled);
            assertEquals("a2", field(cancelled, 41), cancelled);

            // A matcher reject becomes ExecType=8 with a readable reason.
            alice.send("D", "11=a3|55=UNKNOWN|54=1|38=5|40=2|44=1|60=" + TestFixClient.now() + "|");
            final String rejected = alice.expect("8");
            assertEquals("8", field(rejected, 150), rejected);
            assertEquals("8", field(rejected, 39), rejected);
            assertEquals("1", field(rejected, 103), rejected);
            assertEquals("UNKNOWN", field(rejected, 55), rejected);
            assertTrue(field(rejected, 58).startsWith("UNKNOWN_PRODUCT: product is not registered"), rejected);
            // A journaled event: its ExecID names the record and event, like any other matcher event.
            assertTrue(field(rejected, 17).matches("[0-9]+-[0-9]+"), rejected);
            assertEquals("0.0000", field(rejected, 6), rejected);

            // Cancel of an unknown order: OrderCancelReject.
            alice.send("F", "11=c2|41=nope|55=DATA-1|54=1|60=" + TestFixClient.now() + "|");
            final String cancelReject = alice.expect("9");
            assertEquals("1", field(cancelReject, 102), cancelReject);
            assertEquals("1", field(cancelReject, 434), cancelReject);

            // Bob cannot act for alice: Account is checked, and commands always carry the session's participant.
            bob.send("F", "11=c3|41=a2|1=alice|55=DATA-1|54=1|60=" + TestFixClient.now() + "|");
            final String notAllowed = bob.expect("9");
            assertTrue(field(notAllowed, 58).startsWith("Account is not the participant"), notAllowed);
            for (final String command : matcher.commandsSeen)
            {
                assertTrue(command.startsWith("new alice 11") || command.startsWith("new bob 12") ||
                    command.startsWith("cancel alice 11"), command);
            }

            // Unsupported business message.
            alice.send("R", "131=q1|146=1|55=DATA-1|");
            final String bmr = alice.expect("j");
            assertEquals("R", field(bmr, 372), bmr);
            assertEquals("3", field(bmr, 380), bmr);
        }
    }

    /** Issue 22: a done order's ClOrdID, resubmitted, is refused by the gateway and never reaches the matcher. */
    @Test
    void aResubmittedDoneOrderIsRefusedAsADuplicateAndNotSentToTheMatcher() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD); TestFixClient bob = logon("BOB", BOB_PASSWORD))
        {
            // Filled.
            alice.send("D", "11=a1|55=DATA-1|54=1|38=10|40=2|44=12.34|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(alice.expect("8"), 150));
            bob.send("D", "11=b1|55=DATA-1|54=2|38=10|40=2|44=12.00|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(bob.expect("8"), 150));
            assertEquals("F", field(bob.expect("8"), 150));
            assertEquals("2", field(alice.expect("8"), 39), "alice's order a1 is filled");

            alice.send("D", "11=a1|55=DATA-1|54=1|38=10|40=2|44=12.34|60=" + TestFixClient.now() + "|");
            final String refused = alice.expect("8");
            assertEquals("8", field(refused, 150), refused);
            assertEquals("8", field(refused, 39), refused);
            assertEquals("6", field(refused, 103), refused);
            assertEquals("a1", field(refused, 11), refused);
            assertTrue(field(refused, 58).startsWith("Duplicate order: ClOrdID is that of a done"), refused);

            // Cancelled: both the order's ClOrdID and the cancel's are done ones.
            alice.send("D", "11=a2|55=DATA-1|54=1|38=5|40=2|44=1|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(alice.expect("8"), 150));
            alice.send("F", "11=c2|41=a2|55=DATA-1|54=1|60=" + TestFixClient.now() + "|");
            assertEquals("4", field(alice.expect("8"), 150));
            alice.send("D", "11=a2|55=DATA-1|54=1|38=5|40=2|44=1|60=" + TestFixClient.now() + "|");
            assertEquals("6", field(alice.expect("8"), 103));
            alice.send("D", "11=c2|55=DATA-1|54=1|38=5|40=2|44=1|60=" + TestFixClient.now() + "|");
            assertEquals("6", field(alice.expect("8"), 103));

            // A fresh ClOrdID is accepted; another participant's done ClOrdID is not alice's.
            alice.send("D", "11=a3|55=DATA-1|54=1|38=5|40=2|44=1|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(alice.expect("8"), 150));
            bob.send("D", "11=a1|55=DATA-1|54=2|38=3|40=2|44=99|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(bob.expect("8"), 150), "bob's own ClOrdID a1");

            // A replace whose new ClOrdID is a done order's.
            alice.send("G", "11=a1|41=a3|55=DATA-1|54=1|38=6|40=2|44=1|60=" + TestFixClient.now() + "|");
            final String replaceRefused = alice.expect("9");
            assertEquals("6", field(replaceRefused, 102), replaceRefused);
            assertEquals("2", field(replaceRefused, 434), replaceRefused);
            assertEquals("0", field(replaceRefused, 39), "a3 stays as it was: " + replaceRefused);
            assertTrue(field(replaceRefused, 58).startsWith("Duplicate order"), replaceRefused);

            // One more accepted order: every command sent before it has reached the matcher.
            alice.send("D", "11=a4|55=DATA-1|54=1|38=5|40=2|44=1|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(alice.expect("8"), 150));
            assertEquals(List.of("new alice 11 a1", "new bob 12 b1", "new alice 11 a2", "cancel alice 11 a2", "new alice 11 a3",
                "new bob 12 a1", "new alice 11 a4"), matcher.commandsSeen);
        }
    }

    @Test
    void wrongPasswordIsLoggedOutWithText() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient client = new TestFixClient(gateway.port(), "ALICE", "DBX"))
        {
            client.logon("553=ALICE|554=wrong|");
            final String logout = client.expect("5");
            assertEquals("Invalid username or password", field(logout, 58));
            assertTrue(client.awaitClose(10_000));
        }
        // The real counterparty still logs on afterwards.
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            assertNotNull(alice);
        }
    }

    @Test
    void ordersAreRejectedWithAReasonWhenTheMatcherCannotBeReached() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, false);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            alice.send("D", "11=a1|55=DATA-1|54=1|38=10|40=2|44=12.34|60=" + TestFixClient.now() + "|");
            final String rejected = alice.expect("8");
            assertEquals("8", field(rejected, 150), rejected);
            assertTrue(field(rejected, 58).startsWith("Exchange busy"), rejected);
            alice.send("F", "11=c1|41=a1|55=DATA-1|54=1|60=" + TestFixClient.now() + "|");
            assertTrue(field(alice.expect("9"), 58).startsWith("Exchange busy"));
            assertEquals(2, gateway.counters().commandsBackPressured.get());
            assertEquals(0, gateway.counters().commandsSent.get());
        }
    }

    @Test
    void cancelOnDisconnectSendsAMassCancelForTheParticipant() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            alice.send("1", "112=x|");
            alice.expect("0");
        }
        final long deadline = System.currentTimeMillis() + 10_000;
        while (massCancels().isEmpty() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(5);
        }
        // For alice's participant, as the operator's (session 0): its report is for no client.
        assertEquals(1, massCancels().size(), matcher.commandsSeen.toString());
        assertTrue(massCancels().get(0).matches("mass_cancel alice 0 COD[0-9a-z]+-1"), massCancels().toString());
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            // The matcher's answer to the gateway's own mass cancel is never reported to the client.
            alice.send("1", "112=y|");
            final String heartbeat = alice.expect("0");
            assertEquals("y", field(heartbeat, 112), heartbeat);
            final String next = alice.receive(300);
            assertTrue(null == next || !"r".equals(field(next, 35)), next);
        }
        while (massCancels().size() < 2 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(5);
        }
        // Each has a ClOrdID of its own.
        assertEquals(2, massCancels().size(), matcher.commandsSeen.toString());
        assertTrue(massCancels().get(1).endsWith("-2"), massCancels().toString());
        // Bob's session has no cancel-on-disconnect.
        try (TestFixClient bob = logon("BOB", BOB_PASSWORD))
        {
            bob.send("1", "112=x|");
            bob.expect("0");
        }
        Thread.sleep(100);
        assertEquals(2, massCancels().size(), matcher.commandsSeen.toString());
    }

    private java.util.List<String> massCancels()
    {
        return matcher.commandsSeen.stream().filter(c -> c.startsWith("mass_cancel")).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void statusMassCancelAndSecurityListAnswers() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            alice.send("D", "11=s1|55=DATA-1|54=2|38=7|40=2|44=3.10|60=" + TestFixClient.now() + "|");
            final String accepted = alice.expect("8");
            alice.send("H", "11=s1|55=DATA-1|54=2|");
            final String status = alice.expect("8");
            assertEquals("I", field(status, 150), status);
            assertEquals("0", field(status, 39), status);
            assertEquals(field(accepted, 37), field(status, 37), status);
            assertEquals("7", field(status, 151), status);
            alice.send("H", "11=nope|55=DATA-1|54=2|");
            final String unknown = alice.expect("8");
            assertEquals("8", field(unknown, 39), unknown);

            // The fake matcher does not know mass cancels: the reject comes back as a refused report.
            alice.send("q", "11=m1|530=7|60=" + TestFixClient.now() + "|");
            final String report = alice.expect("r");
            assertEquals("0", field(report, 531), report);
            // The fake's reject carries no ClOrdID: the gateway takes it from the refused command in the record.
            assertEquals("m1", field(report, 11), report);
            assertTrue(field(report, 58).startsWith("UNKNOWN_COMMAND"), report);

            alice.send("x", "320=req2|559=0|55=NOPE|");
            final String none = alice.expect("y");
            assertEquals("2", field(none, 560), none);
            assertEquals("0", field(none, 146), none);
        }
    }

    @Test
    void orderMassStatusListsTheParticipantsOpenOrdersAgainAfterAReconnect() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        final String first;
        final String second;
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            alice.send("AF", "584=none-yet|585=7|");
            final String none = alice.expect("8");
            assertEquals("0", field(none, 911), none);
            assertEquals("Y", field(none, 912), none);
            assertEquals("No open orders", field(none, 58), none);

            alice.send("D", "11=ms1|55=DATA-1|54=2|38=7|40=2|44=3.10|60=" + TestFixClient.now() + "|");
            first = field(alice.expect("8"), 37);
            alice.send("D", "11=ms2|55=DATA-1|54=2|38=5|40=2|44=3.20|60=" + TestFixClient.now() + "|");
            second = field(alice.expect("8"), 37);
        }
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            alice.send("AF", "584=after-reconnect|585=7|");
            final String one = alice.expect("8");
            final String two = alice.expect("8");
            assertEquals("after-reconnect", field(one, 584), one);
            assertEquals("I", field(one, 150), one);
            assertEquals("2", field(one, 911), one);
            assertEquals(null, field(one, 912), "only the last report says it is the last: " + one);
            assertEquals("Y", field(two, 912), two);
            assertEquals(first, field(one, 37), "oldest first: " + one);
            assertEquals("ms1", field(one, 11), one);
            assertEquals("7", field(one, 151), one);
            assertEquals(second, field(two, 37), two);
            assertEquals("3.20", field(two, 44), two);

            alice.send("AF", "584=by-symbol|585=1|55=NOPE|");
            final String reject = alice.expect("j");
            assertTrue(field(reject, 58).startsWith("MassStatusReqType 1 needs the Symbol"), reject);
            alice.send("AF", "584=by-symbol|585=1|55=DATA-1|");
            assertEquals("2", field(alice.expect("8"), 911));
            assertEquals("Y", field(alice.expect("8"), 912));
        }
        try (TestFixClient bob = logon("BOB", BOB_PASSWORD))
        {
            bob.send("AF", "584=bobs|585=7|");
            assertEquals("0", field(bob.expect("8"), 911), "another participant's orders are not bob's");
        }
    }

    @Test
    void marketDataSnapshotAndIncrementalBookAndTrades() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD); TestFixClient bob = logon("BOB", BOB_PASSWORD))
        {
            bob.send("D", "11=b0|55=DATA-1|54=2|38=4|40=2|44=20.00|60=" + TestFixClient.now() + "|");
            bob.expect("8");

            alice.send("V", "262=md1|263=1|264=0|267=3|269=0|269=1|269=2|146=1|55=DATA-1|");
            final String snapshot = alice.expect("W");
            assertEquals("md1", field(snapshot, 262), snapshot);
            assertEquals("1", field(snapshot, 268), snapshot);
            assertEquals("1", field(snapshot, 269), snapshot);
            assertEquals("20.00", field(snapshot, 270), snapshot);
            assertEquals("4", field(snapshot, 271), snapshot);

            alice.send("D", "11=a1|55=DATA-1|54=1|38=10|40=2|44=12.34|60=" + TestFixClient.now() + "|");
            final String newBid = alice.expect("X");
            assertEquals("0", field(newBid, 279), newBid);
            assertEquals("0", field(newBid, 269), newBid);
            assertEquals("12.34", field(newBid, 270), newBid);
            assertEquals("10", field(newBid, 271), newBid);

            bob.send("D", "11=b1|55=DATA-1|54=2|38=10|40=2|44=12.00|60=" + TestFixClient.now() + "|");
            // The trade, then the book's net change for the record: the bid is gone; the aggressor never showed.
            final String trade = alice.expect("X");
            assertEquals("2", field(trade, 269), trade);
            assertEquals("12.34", field(trade, 270), trade);
            assertEquals("10", field(trade, 271), trade);
            final String removed = alice.expect("X");
            assertEquals("2", field(removed, 279), removed);
            assertEquals("0", field(removed, 269), removed);
            assertEquals("12.34", field(removed, 270), removed);

            bob.send("V", "262=md2|263=0|264=1|267=1|269=1|146=1|55=DATA-1|");
            final String bobSnapshot = bob.expect("W");
            assertEquals("2", field(bobSnapshot, 268), bobSnapshot);
            assertTrue(bobSnapshot.contains("|269=1|270=20.00|271=4|"), bobSnapshot);
            assertTrue(bobSnapshot.contains("|269=2|270=12.34|271=10|"), bobSnapshot);

            alice.send("V", "262=md3|263=1|264=0|267=1|269=0|146=1|55=NOPE|");
            final String reject = alice.expect("Y");
            assertEquals("0", field(reject, 281), reject);
        }
    }

    @Test
    void indexSymbolsServeTheIndexValueAndItsUpdates() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        // the launcher tells the gateway the settlement index stage's values; here the test does
        gateway.indexes().onIndexValue("IDX.DATA.GENERAL", 100_000, "live", 0);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD); TestFixClient bob = logon("BOB", BOB_PASSWORD))
        {
            alice.send("V", "262=ix1|263=1|264=0|267=1|269=3|146=1|55=IDX.DATA.GENERAL|");
            final String snapshot = alice.expect("W");
            assertEquals("IDX.DATA.GENERAL", field(snapshot, 55), snapshot);
            assertEquals("1", field(snapshot, 268), snapshot);
            assertTrue(snapshot.contains("|269=3|270=1000.00|271=0|58=live|"), snapshot);
            alice.send("V", "262=ix2|263=1|264=0|267=1|269=3|146=1|55=IDX.NOPE|");
            assertEquals("0", field(alice.expect("Y"), 281));

            gateway.indexes().onIndexValue("IDX.DATA.GENERAL", 101_000, "live", 15);
            final String update = alice.expect("X");
            assertEquals("ix1", field(update, 262), update);
            assertEquals("1", field(update, 279), update);
            assertEquals("3", field(update, 269), update);
            assertEquals("IDX.DATA.GENERAL", field(update, 55), update);
            assertEquals("1010.00", field(update, 270), update);
            assertEquals("15", field(update, 271), update);
            assertEquals("live", field(update, 58), update);

            gateway.indexes().onIndexValue("IDX.H100.GY1", 2_200, "stale", 2);
            bob.send("V", "262=ix3|263=0|264=0|267=1|269=3|146=1|55=IDX.H100.GY1|");
            final String stale = bob.expect("W");
            assertTrue(stale.contains("|269=3|270=22.00|271=2|58=stale|"), stale);
        }
    }

    @Test
    void abusiveConnectionsDoNotStopTrading() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD);
            TestFixClient garbage = new TestFixClient(gateway.port(), "X", "Y");
            TestFixClient silent = new TestFixClient(gateway.port(), "X", "Y");
            TestFixClient oversize = new TestFixClient(gateway.port(), "BOB", "DBX");
            TestFixClient impostor = new TestFixClient(gateway.port(), "BOB", "DBX"))
        {
            garbage.sendRaw("\u0000\u0001\u0002 not fix at all 8=FIX.4.4\u00019=x\u0001");
            oversize.sendRaw("8=FIX.4.4\u00019=9999999\u000135=A\u0001");
            impostor.logon("553=BOB|554=guess|");
            alice.send("D", "11=t1|55=DATA-1|54=1|38=2|40=2|44=5|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(alice.expect("8"), 150));
            try (TestFixClient bob = logon("BOB", BOB_PASSWORD))
            {
                bob.send("D", "11=t2|55=DATA-1|54=2|38=2|40=2|44=5|60=" + TestFixClient.now() + "|");
                assertEquals("0", field(bob.expect("8"), 150));
                assertEquals("F", field(bob.expect("8"), 150));
                assertEquals("F", field(alice.expect("8"), 150));
            }
            assertTrue(garbage.awaitClose(10_000));
            assertTrue(oversize.awaitClose(10_000));
            assertTrue(impostor.awaitClose(10_000));
            assertNotNull(silent);
        }
    }

    @Test
    void execIdsStayUniqueWhenTheMatcherSplitsARecord() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        matcher.splitRecords = true;
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD); TestFixClient bob = logon("BOB", BOB_PASSWORD))
        {
            alice.send("D", "11=s1|55=DATA-1|54=1|38=3|40=2|44=7|60=" + TestFixClient.now() + "|");
            alice.expect("8");
            bob.send("D", "11=s2|55=DATA-1|54=2|38=3|40=2|44=7|60=" + TestFixClient.now() + "|");
            final String accepted = bob.expect("8");
            final String fill = bob.expect("8");
            assertEquals("F", field(fill, 150), fill);
            final String seq = field(accepted, 17).split("-")[0];
            assertEquals(seq + "-0", field(accepted, 17), accepted);
            assertEquals(seq + "-1-S", field(fill, 17), fill);
            assertEquals(seq + "-1-B", field(alice.expect("8"), 17));
        }
    }

    @Test
    void throttledSessionGetsBusinessRejects() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient carol = logon("CAROL", "carol"))
        {
            for (int i = 0; i < 10; i++)
            {
                carol.send("H", "11=x" + i + "|55=DATA-1|54=1|");
            }
            final String reject = carol.expect("j");
            assertEquals("Throttle limit exceeded", field(reject, 58), reject);
            carol.send("1", "112=alive|");
            assertEquals("alive", field(carol.expect("0"), 112));
        }
    }

    /** docs/fix.md: the purpose a buyer declares travels in ComplianceID (376), as a purpose code name. */
    @Test
    void theDeclaredPurposeTravelsInComplianceId() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            alice.send("D", "11=p1|55=DATA-1|54=1|38=10|40=2|44=12.00|376=traffic_planning|60=" + TestFixClient.now() + "|");
            assertEquals("0", field(alice.expect("8"), 150));
            alice.send("D", "11=p2|55=DATA-1|54=1|38=10|40=2|44=12.00|376=spying|60=" + TestFixClient.now() + "|");
            final String refused = alice.expect("8");
            assertEquals("8", field(refused, 150), refused);
            assertTrue(field(refused, 58).startsWith("ComplianceID (376) must name a purpose: traffic_planning"), refused);
            assertEquals(List.of("new alice 11 p1 purpose=" + Codes.Purpose.TRAFFIC_PLANNING), matcher.commandsSeen);
        }
    }

    @Test
    void localValidationRejectsBeforeTheMatcher() throws Exception
    {
        start(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.IPC_CHANNEL, true);
        try (TestFixClient alice = logon("ALICE", ALICE_PASSWORD))
        {
            // Finer than a fen is off every tick: refused with the matcher's tick reason, not "price required".
            alice.send("D", "11=a1|55=DATA-1|54=1|38=10|40=2|44=12.005|60=" + TestFixClient.now() + "|");
            final String offTick = alice.expect("8");
            assertEquals("8", field(offTick, 150), offTick);
            assertEquals("18", field(offTick, 103), offTick);
            assertEquals("PRICE_NOT_ON_TICK: price is not a multiple of the product's tick size", field(offTick, 58), offTick);
            assertEquals("a1", field(offTick, 11), offTick);
            alice.send("D", "11=a0|55=DATA-1|54=1|38=10|40=2|44=0|60=" + TestFixClient.now() + "|");
            assertTrue(field(alice.expect("8"), 58).startsWith("Price is required"));
            alice.send("G", "11=r1|41=a1|55=DATA-1|54=1|38=10|40=2|44=12.345|60=" + TestFixClient.now() + "|");
            final String replaceOffTick = alice.expect("9");
            assertEquals("PRICE_NOT_ON_TICK: price is not a multiple of the product's tick size",
                field(replaceOffTick, 58), replaceOffTick);
            alice.send("D", "11=a2|55=DATA-1|54=5|38=10|40=2|44=12|60=" + TestFixClient.now() + "|");
            assertTrue(field(alice.expect("8"), 58).startsWith("Side must be"));
            alice.send("D", "11=a3|55=DATA-1|54=1|38=1.5|40=2|44=12|60=" + TestFixClient.now() + "|");
            assertTrue(field(alice.expect("8"), 58).startsWith("OrderQty must be"));
            assertTrue(matcher.commandsSeen.isEmpty(), matcher.commandsSeen.toString());
        }
    }
}
