package io.databourse.exchange;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.databourse.gateway.TestFixClient;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The abuse campaign (issue 16): each attack of the issue against the exchange as {@code run}
 * starts it (the shipped defaults: per-address limit 16, a 5 s logon deadline and request deadline,
 * failed-logon backoff), each from an attacker address of its own on loopback, while a legitimate
 * user on 127.0.0.1 is served: every request it makes meanwhile is answered. The figures go to
 * {@code target/campaigns/abuse.txt}.
 */
class AbuseCampaignTest
{
    private static final String TRAFFIC = "DATA.TRAFFIC.API";
    private static final String P1_HTTP = "P1:demo-p1-b023bf6878644a3e5f";
    /** The HTTP port's connections from one address (the console's default, which serves positions too). */
    private static final int PER_ADDRESS = io.databourse.console.ConsoleContext.CONNECTIONS_PER_ADDRESS_MAX_DEFAULT;

    @TempDir
    Path dir;

    private EmbeddedExchange exchange;
    private String aeronDir;
    private final List<String> results = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void start()
    {
        // The gateway and the HTTP server log refusals to standard output: keep them, to check them.
        stdout = System.out;
        System.setOut(new PrintStream(new TeeStream(stdout, log), true, StandardCharsets.UTF_8));
        aeronDir = "/dev/shm/databourse-abuse-" + ProcessHandle.current().pid();
        exchange = EmbeddedExchange.launch(new ExchangeConfig().dataDir(dir).aeronDir(aeronDir).fixEnabled(true)
            .fixPort(0).positionsHttpPort(0));
    }

    @AfterEach
    void stop() throws IOException
    {
        exchange.close();
        System.setOut(stdout);
        IoUtil.delete(new java.io.File(aeronDir), true);
        Files.createDirectories(Path.of("target/campaigns"));
        Files.write(Path.of("target/campaigns/abuse.txt"), results, StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        results.forEach(System.out::println);
    }

    private String logText()
    {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sixtyFourSlowHttpClientsDoNotLockOutPositions() throws Exception
    {
        final int port = exchange.httpPort();
        final List<Socket> slow = new ArrayList<>();
        final AtomicInteger refusedOnAccept = new AtomicInteger();
        final InetAddress attacker = InetAddress.getByName("127.0.0.31");
        for (int i = 0; i < 64; i++)
        {
            final Socket s = new Socket(InetAddress.getLoopbackAddress(), port, attacker, 0);
            s.setSoTimeout(20_000);
            slow.add(s);
        }
        final long startMs = System.currentTimeMillis();
        int served = 0;
        int cut = 0;
        try
        {
            // Trickle header bytes on each, while the legitimate user asks for its positions.
            for (int round = 0; round < 30 && cut < slow.size(); round++)
            {
                for (final Socket s : slow)
                {
                    if (!s.isClosed() && !trickle(s, round == 0 ? "GET /positions HTTP/1.1\r\nHost: t\r\n" : "X"))
                    {
                        s.close();
                        cut++;
                    }
                }
                assertEquals(200, httpGet(port, "/positions", P1_HTTP), "the legitimate user is served");
                served++;
                Thread.sleep(300);
            }
        }
        finally
        {
            for (final Socket s : slow)
            {
                s.close();
            }
        }
        final long tookMs = System.currentTimeMillis() - startMs;
        refusedOnAccept.set(countLines("refused HTTP connection from 127.0.0.31"));
        assertEquals(64, cut, "every trickling client was cut");
        assertTrue(logText().contains("refused HTTP request from 127.0.0.31: no whole request within 5000 ms"), logText());
        assertTrue(logText().contains("refused HTTP connection from 127.0.0.31: the limit of " + PER_ADDRESS +
            " connections from one address"), logText());
        results.add(Instant.now() + " abuse: 64 slow HTTP clients from one address: all cut within " + tookMs +
            " ms (the first " + PER_ADDRESS + " at the 5 s request deadline, the rest on accept: per-address limit); " +
            "legitimate requests meanwhile: " + served + " of " + served + " answered 200");
    }

    @Test
    void twoHundredFiftySixIdleFixConnectionsDoNotFillEverySlot() throws Exception
    {
        final int port = exchange.gateway().port();
        final InetAddress attacker = InetAddress.getByName("127.0.0.32");
        final List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 256; i++)
        {
            try
            {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), port, attacker, 0));
            }
            catch (final IOException refused)
            {
                // a full accept backlog refuses at once: also not a held slot
            }
        }
        final long startMs = System.currentTimeMillis();
        try (TestFixClient p1 = ViewsAfterRestartTest.logon(port, "P1", "p1-demo"))
        {
            ViewsAfterRestartTest.newOrder(p1, "abuse-1", "1", 1, "11.00");
            assertEquals("0", field(p1.expect("8"), 150), "the legitimate session trades");
            // Every idle connection is gone within the logon deadline (and a margin for a loaded machine).
            int open = idle.size();
            while (open > 0 && System.currentTimeMillis() - startMs < 30_000)
            {
                open = 0;
                for (final Socket s : idle)
                {
                    if (isOpen(s))
                    {
                        open++;
                    }
                }
                Thread.sleep(200);
            }
            assertEquals(0, open, "idle connections left open");
            ViewsAfterRestartTest.newOrder(p1, "abuse-2", "1", 1, "11.00");
            assertEquals("0", field(p1.expect("8"), 150));
        }
        finally
        {
            for (final Socket s : idle)
            {
                s.close();
            }
        }
        final int refused = (int)exchange.gateway().counters().connectionsRefused.get();
        assertTrue(refused >= 256 - 16, "refused on accept: " + refused);
        assertTrue(logText().contains("no logon within 5000 ms from /127.0.0.32"), logText());
        results.add(Instant.now() + " abuse: 256 idle FIX connections from one address: " + refused +
            " refused on accept (per-address limit 16), the rest cut at the 5 s logon deadline, all gone in " +
            (System.currentTimeMillis() - startMs) + " ms; the legitimate session logged on and traded meanwhile");
    }

    @Test
    void twoHundredWrongPasswordsInATenthOfASecondMeetTheLockout() throws Exception
    {
        final int port = exchange.gateway().port();
        final ExecutorService pool = Executors.newFixedThreadPool(16);
        final AtomicInteger invalid = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final List<Future<?>> attempts = new ArrayList<>();
        final long startMs = System.currentTimeMillis();
        for (int i = 0; i < 200; i++)
        {
            final int n = i;
            attempts.add(pool.submit(() ->
            {
                try (TestFixClient guess = new TestFixClient(port, "P2", "DATABOURSE", "127.0.0.33"))
                {
                    guess.logon("553=P2|554=guess-" + n + "|");
                    final String answer = guess.receive(20_000);
                    final String text = null == answer ? null : field(answer, 58);
                    if ("Invalid username or password".equals(text))
                    {
                        invalid.incrementAndGet();
                    }
                    else if (null != text && text.startsWith("Too many failed logons"))
                    {
                        throttled.incrementAndGet();
                    }
                    else
                    {
                        closed.incrementAndGet(); // refused on accept (per-address limit)
                    }
                }
                catch (final IOException ex)
                {
                    closed.incrementAndGet();
                }
                return null;
            }));
        }
        final long sentMs = System.currentTimeMillis() - startMs;
        // A legitimate user logs on and trades while the guesses are answered.
        try (TestFixClient p1 = ViewsAfterRestartTest.logon(port, "P1", "p1-demo"))
        {
            ViewsAfterRestartTest.newOrder(p1, "abuse-3", "1", 1, "11.00");
            assertEquals("0", field(p1.expect("8"), 150));
        }
        for (final Future<?> attempt : attempts)
        {
            attempt.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(200, invalid.get() + throttled.get() + closed.get());
        // Three failures are free, the fourth starts the backoff (1 s, doubling): the guesses queued behind are
        // not hashed, but one each time a backoff ends - 8 checks cover the first 30 s.
        assertTrue(invalid.get() <= 8, "passwords checked: " + invalid.get());
        assertTrue(logText().contains("refused FIX logon as P2 from 127.0.0.33"), logText());
        // Backing off, not locked: the account itself logs on once the backoff is over.
        final long afterMs = System.currentTimeMillis();
        try (TestFixClient p2 = ViewsAfterRestartTest.logon(port, "P2", "p2-demo"))
        {
            ViewsAfterRestartTest.newOrder(p2, "abuse-4", "2", 1, "13.00");
            assertEquals("0", field(p2.expect("8"), 150));
        }
        results.add(Instant.now() + " abuse: 200 wrong FIX passwords for P2 from one address, sent in " + sentMs +
            " ms: " + invalid.get() + " checked and refused, " + throttled.get() + " refused unchecked (backoff), " +
            closed.get() + " closed on accept; a legitimate session logged on and traded meanwhile, and P2 with its " +
            "own password " + (System.currentTimeMillis() - afterMs) + " ms after");
    }

    @Test
    void twoHundredWrongHttpPasswordsMeetTheLockoutWhileOthersAreServed() throws Exception
    {
        final int port = exchange.httpPort();
        final ExecutorService pool = Executors.newFixedThreadPool(16);
        final AtomicInteger unauthorized = new AtomicInteger();
        final AtomicInteger tooMany = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        final List<Future<?>> attempts = new ArrayList<>();
        final long startMs = System.currentTimeMillis();
        for (int i = 0; i < 200; i++)
        {
            final int n = i;
            attempts.add(pool.submit(() ->
            {
                final int status = httpGet(port, "/positions", "P2:guess-" + n, "127.0.0.34");
                (status == 401 ? unauthorized : status == 429 ? tooMany : other).incrementAndGet();
                return null;
            }));
        }
        int served = 0;
        while (!allDone(attempts))
        {
            assertEquals(200, httpGet(port, "/positions", P1_HTTP), "the legitimate user is served");
            served++;
            Thread.sleep(50);
        }
        pool.shutdown();
        assertTrue(unauthorized.get() <= 8, "passwords checked and refused: " + unauthorized.get());
        assertEquals(200, unauthorized.get() + tooMany.get() + other.get());
        results.add(Instant.now() + " abuse: 200 wrong HTTP passwords for P2 from one address: " + unauthorized.get() +
            " checked (401), " + tooMany.get() + " refused unchecked (429), " + other.get() + " closed on accept, in " +
            (System.currentTimeMillis() - startMs) + " ms; legitimate requests meanwhile: " + served + " of " + served +
            " answered 200");
    }

    private static boolean allDone(final List<Future<?>> futures)
    {
        for (final Future<?> f : futures)
        {
            if (!f.isDone())
            {
                return false;
            }
        }
        return true;
    }

    private int countLines(final String prefix)
    {
        int n = 0;
        for (final String line : logText().split("\n"))
        {
            if (line.contains(prefix))
            {
                n++;
            }
        }
        return n;
    }

    /** False when the server has closed the connection. */
    private static boolean trickle(final Socket s, final String bytes)
    {
        try
        {
            final OutputStream out = s.getOutputStream();
            out.write(bytes.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return isOpen(s);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** Whether the peer has not closed: a short read that times out means open. */
    private static boolean isOpen(final Socket s)
    {
        try
        {
            s.setSoTimeout(1);
            final int b = s.getInputStream().read();
            if (b < 0)
            {
                return false;
            }
            // A 408 answer: the server is closing it.
            return false;
        }
        catch (final java.net.SocketTimeoutException ex)
        {
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    static int httpGet(final int port, final String path, final String credentials) throws IOException
    {
        return httpGet(port, path, credentials, "127.0.0.1");
    }

    static int httpGet(final int port, final String path, final String credentials, final String from) throws IOException
    {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0))
        {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\nAuthorization: Basic " +
                Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) +
                "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            final String response = all.toString(StandardCharsets.UTF_8);
            return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : -1;
        }
        catch (final java.net.SocketException closed)
        {
            return -1;
        }
    }

    /** Writes to two streams. */
    private static final class TeeStream extends OutputStream
    {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(final OutputStream a, final OutputStream b)
        {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(final int value) throws IOException
        {
            a.write(value);
            b.write(value);
        }

        @Override
        public synchronized void write(final byte[] bytes, final int offset, final int length) throws IOException
        {
            a.write(bytes, offset, length);
            b.write(bytes, offset, length);
        }
    }
}
