package io.databourse.exchange.fix;

import static io.databourse.exchange.fix.QuickFixJExchangeTest.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.testsupport.ChildJvm;
import io.databourse.testsupport.QuickFixJClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.MsgType;
import quickfix.field.SecurityListRequestType;
import quickfix.field.SecurityReqID;
import quickfix.field.Side;
import quickfix.fix44.SecurityListRequest;

/**
 * Configuration alone puts the gateway in a process of its own: GatewayMain (as
 * gateway/ci-acceptance.sh starts it, with its own media driver and the demo sessions) talks over
 * aeron:udp on loopback to the real matcher in this process (its own media driver). The gateway
 * starts long after the demo reference data was loaded, so the products it lists crossed the
 * process boundary as the answer to its product list request.
 */
class SeparateGatewayProcessTest
{
    private static final String[] PRODUCTS =
        {"ALGO.FRAUD.MODEL", "COMPUTE.H100.GY1.2027-01-01T00", "DATA.MEDICAL.SANDBOX", "DATA.ROADS.HIST", "DATA.TRAFFIC.API"};

    @TempDir
    Path tempDir;

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    @Test
    void quickFixJTradesThroughAGatewayProcessOverUdp() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        final String commandChannel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        final String eventChannel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        final Path sessions = tempDir.resolve("fix-sessions.ini");
        try (InputStream in = EmbeddedExchange.class.getResourceAsStream("/demo/fix-sessions.ini"))
        {
            Files.copy(in, sessions, StandardCopyOption.REPLACE_EXISTING);
        }
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(tempDir.resolve("data"))
            .aeronDir("/dev/shm/databourse-fixudp-matcher-" + pid)
            .commandChannel(commandChannel)
            .eventChannel(eventChannel)
            .fixEnabled(false)))
        {
            // the launcher's JVM flags (Agrona, Chronicle for the session store), from the one file that holds them
            final java.util.List<String> command = io.databourse.testsupport.ChildJvm.command("256m",
                "io.databourse.gateway.GatewayMain",
                "--host", "127.0.0.1",
                "--port", "0",
                "--sessions", sessions.toString(),
                "--store-dir", tempDir.resolve("seqnums").toString(),
                "--embedded-driver", "/dev/shm/databourse-fixudp-gateway-" + pid,
                "--command-channel", commandChannel,
                "--event-channel", eventChannel);
            final Process gateway = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
            try
            {
                final int port = awaitListening(gateway);
                try (QuickFixJClient p1 = new QuickFixJClient(port, "P1", "p1-demo").start();
                    QuickFixJClient p2 = new QuickFixJClient(port, "P2", "p2-demo").start())
                {
                    assertTrue(p1.awaitLogon(), "P1 logon");
                    assertTrue(p2.awaitLogon(), "P2 logon");
                    assertEquals(String.join(",", PRODUCTS), awaitAllProducts(p1));

                    p1.send(limit("u1", Side.BUY, QuickFixJExchangeTest.TRAFFIC, 2, 12.00));
                    final Message p1New = p1.next(MsgType.EXECUTION_REPORT);
                    assertEquals("0", p1New.getString(150), p1New.toString());
                    p2.send(limit("v1", Side.SELL, QuickFixJExchangeTest.TRAFFIC, 2, 11.50));
                    assertEquals("0", p2.next(MsgType.EXECUTION_REPORT).getString(150));
                    final Message p2Fill = p2.next(MsgType.EXECUTION_REPORT);
                    assertEquals("F", p2Fill.getString(150), p2Fill.toString());
                    assertEquals("2", p2Fill.getString(39), p2Fill.toString());
                    assertEquals("12.00", p2Fill.getString(31), p2Fill.toString());
                    final Message p1Fill = p1.next(MsgType.EXECUTION_REPORT);
                    assertEquals("F", p1Fill.getString(150), p1Fill.toString());
                    assertEquals(p1New.getString(37), p1Fill.getString(37), p1Fill.toString());
                    assertEquals(2, p1Fill.getInt(14), p1Fill.toString());
                    assertEquals(0, p1Fill.getInt(151), p1Fill.toString());
                    assertEquals("12.0000", p1Fill.getString(6), p1Fill.toString());
                    assertTrue(p1.rejectsSent.isEmpty() && p2.rejectsSent.isEmpty(), "QuickFIX/J refused gateway messages");
                }
            }
            finally
            {
                gateway.destroy();
                if (!gateway.waitFor(10, TimeUnit.SECONDS))
                {
                    gateway.destroyForcibly();
                }
            }
        }
    }

    /** Reads the child's output until "listening on PORT"; the rest is drained by a daemon thread. */
    private static int awaitListening(final Process gateway) throws Exception
    {
        final BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        final StringBuilder seen = new StringBuilder();
        String line;
        while (null != (line = out.readLine()))
        {
            if (line.startsWith("listening on "))
            {
                // Keeps the child from blocking on a full pipe; ends when the child's output closes.
                final Thread drain = new Thread(() -> drain(out), "gateway-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.split(" ")[2]);
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("gateway process ended: " + seen);
    }

    private static void drain(final BufferedReader out)
    {
        try
        {
            String line;
            do
            {
                line = out.readLine(); // discarded: the test needs only the port
            }
            while (null != line);
        }
        catch (final java.io.IOException ignore)
        {
            // the child was stopped: nothing more to read
        }
    }

    /** SecurityList until every demo product is in it (the gateway learns them once UDP has connected both ways). */
    private static String awaitAllProducts(final QuickFixJClient client) throws Exception
    {
        final long deadline = System.currentTimeMillis() + QuickFixJClient.WAIT_MS;
        String symbols = "";
        for (int i = 0; System.currentTimeMillis() < deadline; i++)
        {
            client.send(new SecurityListRequest(new SecurityReqID("udp-" + i),
                new SecurityListRequestType(SecurityListRequestType.ALL_SECURITIES)));
            final Message list = client.next(MsgType.SECURITY_LIST);
            final TreeSet<String> names = new TreeSet<>();
            for (int g = 1; g <= list.getGroupCount(146); g++)
            {
                names.add(list.getGroup(g, 146).getString(55));
            }
            symbols = String.join(",", names);
            if (names.size() == PRODUCTS.length)
            {
                break;
            }
            Thread.sleep(20);
        }
        return symbols;
    }
}
