package io.databourse.exchange.fix;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.databourse.edge.PasswordHash;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.gateway.FixGateway;
import io.databourse.gateway.TestFixClient;
import io.databourse.gateway.fix.FixMutator;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the gateway's session layer and exchange application over TCP, against the real
 * exchange: a session logged on as P1 sends seeded mutations of every message a trading session
 * sends ({@link FixMutator}), most of them framed right so that they reach the application, now
 * and then raw garbage on a connection of its own; a logout or disconnect it provokes is followed
 * by a new logon. Meanwhile P2 and CB1 trade, each order waiting for its report. Passes when the
 * gateway never failed unexpectedly (its error counter is 0), the fuzzed session still answers a
 * TestRequest after every batch (no hang), every trading order was answered, and the heap after
 * the run is within a bound of the heap before (no unbounded memory).
 * {@code -Dfuzz.tcp.inputs=N} (CI 20,000; {@code bin/campaign fuzz} 1,000,000), {@code -Dfuzz.seed}.
 */
class FixFuzzCampaignTest
{
    private static final String TRAFFIC = "DATA.TRAFFIC.API";
    private static final int BATCH = 2_000;
    private static final long HEAP_GROWTH_MAX_BYTES = 256L << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.HOURS)
    void theGatewaySurvivesMutatedFixWhileAnotherSessionTrades() throws Exception
    {
        final long inputs = Long.getLong("fuzz.tcp.inputs", 20_000);
        final long seed = Long.getLong("fuzz.seed", System.nanoTime());
        final Path sessions = dir.resolve("sessions.ini");
        Files.writeString(sessions, String.join("\n",
            session(1, "P1", 0), session(2, "P2", 1000), session(3, "CB1", 1000)));
        final String aeronDir = "/dev/shm/databourse-fuzz-" + ProcessHandle.current().pid();
        final long startMs = System.currentTimeMillis();
        final Path progress = Path.of("target/campaigns/fuzz-tcp.progress");
        Files.createDirectories(progress.getParent());
        Files.writeString(progress, "");
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(new ExchangeConfig().dataDir(dir.resolve("data"))
            .aeronDir(aeronDir).fixEnabled(true).fixPort(0).fixSessionsFile(sessions.toString())))
        {
            final FixGateway gateway = exchange.gateway();
            final int port = gateway.port();
            final long heapBefore = usedHeapAfterGc();
            final AtomicBoolean trading = new AtomicBoolean(true);
            final AtomicLong tradeOrders = new AtomicLong();
            final AtomicReference<Throwable> tradeFailure = new AtomicReference<>();
            final Thread trader = new Thread(() -> trade(port, trading, tradeOrders, tradeFailure), "fuzz-trader");
            trader.start();

            final FixMutator mutator = new FixMutator(seed, FixMutator.tradingSeeds(TRAFFIC));
            final Random random = new Random(seed ^ 0x5eed);
            FuzzSession fuzz = new FuzzSession(port);
            long logons = 1;
            long garbage = 0;
            for (long i = 0; i < inputs; i++)
            {
                if (random.nextInt(200) == 0)
                {
                    garbage++;
                    try (Socket raw = new Socket("127.0.0.1", port))
                    {
                        raw.getOutputStream().write(mutator.nextRaw());
                    }
                    catch (final IOException closed)
                    {
                        // refused or closed: a garbling peer gets no second chance
                    }
                    continue;
                }
                if (!fuzz.send(mutator.frame(fuzz.header(), mutator.nextBody())))
                {
                    fuzz.close();
                    fuzz = new FuzzSession(port);
                    logons++;
                }
                if ((i + 1) % BATCH == 0)
                {
                    if (!fuzz.ping(i))
                    {
                        // Logged out by what it sent: a new logon must work, and answer.
                        fuzz.close();
                        fuzz = new FuzzSession(port);
                        logons++;
                        assertTrue(fuzz.ping(i), "seed " + seed + ": a fresh session answers after input " + i +
                            " (else the gateway hangs)");
                    }
                    assertEquals(0, gateway.counters().errors.get(), "seed " + seed + ": gateway errors by input " + i);
                    if ((i + 1) % (BATCH * 25) == 0)
                    {
                        Files.writeString(progress, Instant.now() + " FIX fuzz: " + (i + 1) + " of " + inputs + " inputs\n",
                            StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                    }
                }
            }
            fuzz.close();
            trading.set(false);
            trader.join(60_000);
            assertEquals(null, tradeFailure.get(), "seed " + seed + ": the trading sessions were answered throughout");
            assertTrue(tradeOrders.get() > 0, "orders traded during the fuzzing");
            assertEquals(0, gateway.counters().errors.get(), "seed " + seed + ": " + gateway.counters());
            final long heapAfter = usedHeapAfterGc();
            assertTrue(heapAfter - heapBefore < HEAP_GROWTH_MAX_BYTES,
                "heap grew from " + heapBefore + " to " + heapAfter + " bytes");
            final String line = Instant.now() + " FIX fuzz (TCP, session layer and application): seed " + seed + ", " +
                inputs + " inputs (" + garbage + " raw garbage connections), " + logons + " logons, " +
                tradeOrders.get() + " orders traded alongside; the gateway sent " + gateway.counters().commandsSent.get() +
                " commands to the matcher, " + gateway.counters().sessionRejects.get() + " session rejects, ignored " +
                gateway.counters().garbledMessages.get() + " garbled messages; 0 gateway errors, 0 hangs, heap " +
                (heapBefore >> 20) + " -> " + (heapAfter >> 20) + " MiB, " + (System.currentTimeMillis() - startMs) / 1000 + " s";
            Files.createDirectories(Path.of("target/campaigns"));
            Files.writeString(Path.of("target/campaigns/fuzz-tcp.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8);
            System.out.println(line);
        }
        finally
        {
            IoUtil.delete(new java.io.File(aeronDir), true);
        }
    }

    private static String session(final int id, final String participant, final int throttle)
    {
        return String.join("\n", "[session]", "sessionId = " + id, "senderCompId = DATABOURSE",
            "targetCompId = " + participant, "profile = exchange", "participant = " + participant,
            "username = " + participant,
            "passwordHash = " + PasswordHash.hash(participant.toLowerCase() + "-fuzz", PasswordHash.ITERATIONS_MIN),
            "throttleMessagesPerS = " + throttle, "heartbeatIntervalMaxS = 300", "");
    }

    /** P2 offers and CB1 takes, one lot at a time, each order waiting for its report. */
    private static void trade(final int port, final AtomicBoolean trading, final AtomicLong orders,
        final AtomicReference<Throwable> failure)
    {
        try (TestFixClient p2 = logon(port, "P2"); TestFixClient cb1 = logon(port, "CB1"))
        {
            long n = 0;
            while (trading.get())
            {
                for (final TestFixClient client : List.of(p2, cb1))
                {
                    // P2's offer rests (GTC), CB1's bid takes it (IOC): each answered, whatever else comes.
                    final boolean sell = client == p2;
                    final String clOrdId = "t" + n++;
                    client.send("D", "11=" + clOrdId + "|55=" + TRAFFIC + "|54=" + (sell ? "2" : "1") + "|38=1|40=2|44=13.00|59=" +
                        (sell ? "1" : "3") + "|60=" + TestFixClient.now() + "|");
                    String report;
                    do
                    {
                        report = client.expect("8");
                    }
                    while (!clOrdId.equals(field(report, 11)));
                    assertTrue("0".equals(field(report, 150)) || "8".equals(field(report, 150)), report);
                    orders.incrementAndGet();
                }
                Thread.sleep(20);
            }
        }
        catch (final Throwable ex)
        {
            failure.set(ex);
        }
    }

    private static TestFixClient logon(final int port, final String compId) throws Exception
    {
        final TestFixClient client = new TestFixClient(port, compId, "DATABOURSE");
        client.logon("141=Y|553=" + compId + "|554=" + compId.toLowerCase() + "-fuzz|");
        client.expect("A");
        return client;
    }

    private static long usedHeapAfterGc() throws InterruptedException
    {
        final Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * The fuzzed session: logged on as P1, writing without waiting, a reader going through what
     * comes back. A message the gateway ignored (garbled) leaves a gap in the numbers: its
     * ResendRequest is answered with a SequenceReset-GapFill, as a counterparty would, so the
     * session goes on.
     */
    private static final class FuzzSession implements AutoCloseable
    {
        private static final java.util.regex.Pattern MESSAGE_END = java.util.regex.Pattern.compile("\u000110=[0-9]{3}\u0001");
        private static final java.util.regex.Pattern BEGIN_SEQ_NO = java.util.regex.Pattern.compile("\u00017=([0-9]+)\u0001");
        private static final java.util.regex.Pattern TEST_REQ_ID = java.util.regex.Pattern.compile("\u0001112=([A-Z0-9]+)\u0001");

        private final Socket socket;
        private final OutputStream out;
        private final Thread reader;
        private final AtomicLong resendFrom = new AtomicLong(-1);
        private volatile String lastTestReqIdAnswered = "";
        private volatile boolean open = true;
        private int seq = 2;

        FuzzSession(final int port) throws Exception
        {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            out.write(io.databourse.gateway.fix.TestFix.message("35=A|34=1|49=P1|52=" + TestFixClient.now() +
                "|56=DATABOURSE|98=0|108=0|141=Y|553=P1|554=p1-fuzz|").getBytes(StandardCharsets.ISO_8859_1));
            final InputStream in = socket.getInputStream();
            reader = new Thread(() -> read(in), "fuzz-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(final InputStream in)
        {
            final byte[] buffer = new byte[64 * 1024];
            final StringBuilder pending = new StringBuilder();
            try
            {
                int n;
                while ((n = in.read(buffer)) > 0)
                {
                    pending.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    final java.util.regex.Matcher end = MESSAGE_END.matcher(pending);
                    int consumed = 0;
                    while (end.find())
                    {
                        final String message = pending.substring(consumed, end.end());
                        consumed = end.end();
                        if (message.contains("\u000135=2\u0001"))
                        {
                            final java.util.regex.Matcher begin = BEGIN_SEQ_NO.matcher(message);
                            if (begin.find())
                            {
                                resendFrom.set(Long.parseLong(begin.group(1)));
                            }
                        }
                        else if (message.contains("\u000135=0\u0001"))
                        {
                            final java.util.regex.Matcher id = TEST_REQ_ID.matcher(message);
                            if (id.find())
                            {
                                lastTestReqIdAnswered = id.group(1);
                            }
                        }
                    }
                    pending.delete(0, consumed);
                }
            }
            catch (final IOException ex)
            {
                // closed
            }
            open = false;
        }

        String header()
        {
            return "34=" + seq++ + "|49=P1|52=" + TestFixClient.now() + "|56=DATABOURSE|";
        }

        boolean send(final byte[] message)
        {
            if (!open)
            {
                return false;
            }
            try
            {
                final long from = resendFrom.getAndSet(-1);
                if (from > 0 && from < seq)
                {
                    // Nothing of ours needs resending: fill the gap up to the next number.
                    out.write(io.databourse.gateway.fix.TestFix.message("35=4|34=" + from + "|49=P1|52=" +
                        TestFixClient.now() + "|56=DATABOURSE|123=Y|36=" + seq + "|").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write(message);
                return true;
            }
            catch (final IOException ex)
            {
                return false;
            }
        }

        /** A TestRequest answered within 10 s; false when the session is gone or out of step. */
        boolean ping(final long n) throws Exception
        {
            final String id = "PING" + n;
            final long deadline = System.currentTimeMillis() + 10_000;
            long nextPingMs = 0;
            while (System.currentTimeMillis() < deadline)
            {
                if (id.equals(lastTestReqIdAnswered))
                {
                    return true;
                }
                if (!open)
                {
                    return false;
                }
                if (System.currentTimeMillis() >= nextPingMs)
                {
                    // Again now and then: a gap fill may be needed first.
                    send(io.databourse.gateway.fix.TestFix.message("35=1|" + header() + "112=" + id + "|")
                        .getBytes(StandardCharsets.ISO_8859_1));
                    nextPingMs = System.currentTimeMillis() + 1_000;
                }
                Thread.sleep(5);
            }
            return false;
        }

        @Override
        public void close() throws Exception
        {
            socket.close();
            reader.join(10_000);
        }
    }
}
