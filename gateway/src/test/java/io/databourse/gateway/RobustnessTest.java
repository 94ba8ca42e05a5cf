package io.databourse.gateway;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.databourse.gateway.fix.TestFix;
import io.databourse.gateway.session.SessionConfig;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input never takes the gateway down, and other sessions keep working. */
class RobustnessTest
{
    private static final int CONNECTIONS_MAX = 8;

    @TempDir
    Path tempDir;

    private FixGateway gateway;
    private final List<String> sessionLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start()
    {
        gateway = FixGateway.launch(context(tempDir.toFile()).sessionLog(sessionLog::add));
    }

    static GatewayContext context(final File dir)
    {
        return new GatewayContext()
            .port(0)
            .sessions(List.of(
                new SessionConfig().sessionId(1).senderCompId("ISLD").targetCompId("TW").profile("certification")
                    .resetOnDisconnect(true).conclude(),
                new SessionConfig().sessionId(2).senderCompId("ISLD").targetCompId("TW2").profile("certification")
                    .resetOnDisconnect(true).conclude()))
            .sequenceStoreDir(new File(dir, "seqnums"))
            .connectionsMax(CONNECTIONS_MAX)
            .messageLengthMax(4096)
            .logonTimeoutMs(1_500)
            .outboundBufferMaxBytes(256 * 1024);
    }

    /** Counters are bumped on the gateway's threads, possibly just after the client sees the effect. */
    static void awaitCount(final java.util.concurrent.atomic.AtomicLong counter, final long expected)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (counter.get() != expected && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1);
        }
        assertEquals(expected, counter.get());
    }

    @AfterEach
    void stop()
    {
        CloseHelper.close(gateway);
    }

    /** Another session logs on, gets a heartbeat for its TestRequest, logs out. */
    private void assertOtherSessionWorks() throws IOException
    {
        try (TestFixClient other = new TestFixClient(gateway.port(), "TW2", "ISLD"))
        {
            other.logon("");
            other.expect("A");
            other.send("1", "112=still-alive|");
            assertEquals("still-alive", field(other.expect("0"), 112));
            other.send("5", "");
            other.expect("5");
        }
    }

    @Test
    void garbageBeforeLogonDisconnects() throws Exception
    {
        try (TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + "\u0000\u00ff".repeat(100));
            assertTrue(client.awaitClose(10_000));
        }
        assertOtherSessionWorks();
    }

    @Test
    void garbledMessagesAfterLogonAreIgnored() throws Exception
    {
        try (TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.logon("");
            client.expect("A");
            client.sendRaw("\u0001\u0001garbage 8=FIX.4.4\u00019=abc\u0001" + "x".repeat(500));
            client.sendRaw(TestFix.message("35=0|34=99|4garbled9=TW|").replace("10=", "10=9"));
            client.send("1", "112=after-garbage|");
            assertEquals("after-garbage", field(client.expect("0"), 112));
        }
        assertTrue(gateway.counters().garbledMessages.get() >= 2, gateway.counters().toString());
        assertOtherSessionWorks();
    }

    @Test
    void oversizeFrameDisconnects() throws Exception
    {
        try (TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.logon("");
            client.expect("A");
            client.sendRaw("8=FIX.4.4\u00019=99999999\u000135=D\u0001" + "x".repeat(8000));
            final String logout = client.expect("5");
            assertTrue(field(logout, 58).startsWith("Message too large"), logout);
            assertTrue(client.awaitClose(10_000));
        }
        awaitCount(gateway.counters().oversizeDisconnects, 1);
        assertOtherSessionWorks();
    }

    @Test
    void unknownCompIdsAreDisconnected() throws Exception
    {
        try (TestFixClient client = new TestFixClient(gateway.port(), "NOBODY", "ISLD"))
        {
            client.logon("");
            assertTrue(client.awaitClose(10_000));
        }
        try (TestFixClient client = new TestFixClient(gateway.port(), "TW", "SOMEONE"))
        {
            client.logon("");
            assertTrue(client.awaitClose(10_000));
        }
        awaitCount(gateway.counters().logonsRefused, 2);
        assertTrue(sessionLog.stream().anyMatch(line -> line.contains("logon refused") &&
            line.contains("no session for SenderCompID NOBODY TargetCompID ISLD")), sessionLog.toString());
        assertOtherSessionWorks();
    }

    @Test
    void clientThatNeverLogsOnIsDisconnectedAfterTheLogonTimeout() throws Exception
    {
        try (TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            assertTrue(client.awaitClose(10_000));
        }
        assertOtherSessionWorks();
    }

    @Test
    void connectionFloodIsCappedAndTheGatewayRecovers() throws Exception
    {
        try (TestFixClient loggedOn = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            loggedOn.logon("");
            loggedOn.expect("A");
            final List<Socket> flood = new ArrayList<>();
            try
            {
                for (int i = 0; i < CONNECTIONS_MAX * 4; i++)
                {
                    final Socket socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
                    flood.add(socket);
                }
                int closed = 0;
                for (final Socket socket : flood)
                {
                    socket.setSoTimeout(8_000);
                    try
                    {
                        if (socket.getInputStream().read() < 0)
                        {
                            closed++;
                        }
                    }
                    catch (final IOException ex)
                    {
                        closed++;
                    }
                }
                // All beyond the cap are refused at once; the rest time out (never log on) and close too.
                assertEquals(flood.size(), closed);
                assertTrue(gateway.connectionCount() <= CONNECTIONS_MAX);
                assertTrue(gateway.counters().connectionsRefused.get() >= flood.size() - CONNECTIONS_MAX,
                    gateway.counters().toString());
            }
            finally
            {
                for (final Socket socket : flood)
                {
                    socket.close();
                }
            }
            loggedOn.send("1", "112=survived-flood|");
            assertEquals("survived-flood", field(loggedOn.expect("0"), 112));
        }
        assertOtherSessionWorks();
    }

    @Test
    void clientThatStopsReadingIsDisconnected() throws Exception
    {
        final Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
        try
        {
            final OutputStream out = socket.getOutputStream();
            out.write(TestFix.message("35=A|34=1|49=TW|52=" + TestFixClient.now() + "|56=ISLD|98=0|108=30|")
                .getBytes(StandardCharsets.ISO_8859_1));
            final long logonDeadline = System.currentTimeMillis() + 10_000;
            while (gateway.counters().logonsAccepted.get() == 0 && System.currentTimeMillis() < logonDeadline)
            {
                Thread.sleep(1);
            }
            assertEquals(1, gateway.counters().logonsAccepted.get());
            final String text = "y".repeat(3000);
            boolean writeFailed = false;
            for (int seq = 2; seq < 20_000 && !writeFailed && gateway.connectionCount() > 0; seq++)
            {
                final String order = TestFix.message("35=D|34=" + seq + "|49=TW|52=" + TestFixClient.now() +
                    "|56=ISLD|11=o" + seq + "|21=1|55=X|54=1|40=1|60=" + TestFixClient.now() + "|58=" + text + "|");
                try
                {
                    out.write(order.getBytes(StandardCharsets.ISO_8859_1));
                }
                catch (final IOException ex)
                {
                    writeFailed = true;
                }
            }
            final long deadline = System.currentTimeMillis() + 10_000;
            while (gateway.connectionCount() > 0 && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(10);
            }
            assertEquals(0, gateway.connectionCount());
            awaitCount(gateway.counters().slowConsumerDisconnects, 1);
        }
        finally
        {
            socket.close();
        }
        assertOtherSessionWorks();
    }

    @Test
    void duplicateLogonIsRefusedAndTheFirstSessionContinues() throws Exception
    {
        try (TestFixClient first = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            first.logon("");
            first.expect("A");
            try (TestFixClient second = new TestFixClient(gateway.port(), "TW", "ISLD"))
            {
                second.logon("");
                assertTrue(second.awaitClose(10_000));
            }
            first.send("1", "112=first|");
            assertEquals("first", field(first.expect("0"), 112));
            assertFalse(first.socket().isClosed());
        }
    }
}
