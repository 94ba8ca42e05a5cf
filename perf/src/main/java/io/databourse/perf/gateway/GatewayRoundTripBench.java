package io.databourse.perf.gateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.journal.idle.IdleStrategies;
import io.databourse.gateway.fix.FixFramer;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.UtcTime;
import io.databourse.gateway.session.SessionConfig;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Gateway round trip: NewOrderSingle in → first ExecutionReport out, over loopback TCP, against
 * the embedded exchange (Netty gateway → Aeron IPC → sequencer + matcher + Chronicle journal →
 * Aeron IPC → gateway → TCP).
 * <pre>
 *  +------------------+  TCP   +---------+  aeron:ipc  +------------------------------+
 *  | sender thread    | -----> |         | ----------> | matcher agent: sequence,     |
 *  | (planned times)  |        | gateway |             | match, journal (Chronicle)   |
 *  | receiver thread  | <----- |         | <---------- | record = command + events    |
 *  +------------------+  TCP   +---------+  aeron:ipc  +------------------------------+
 *   latency = time the first ExecutionReport for ClOrdID j is read - planned send time of j
 * </pre>
 * Open loop: order j of a run at rate R is due at start + j / R whatever happened before, and is
 * sent when due (a backlog goes out in one write), so a stall shows up in the latency of every
 * order planned during it (no coordinated omission). The client is a plain socket and
 * preallocated buffers, not a FIX engine, so that it measures the gateway rather than itself.
 * <p>Workload: participant P1 of the demo reference data sends IOC limit buys of 1 unit of
 * DATA.TRAFFIC.API at 12.00 that find no offer: every order runs the matcher's checks, reserves
 * and releases cash, is journaled, and comes back as two ExecutionReports (new, then cancelled
 * with ioc_remainder); the book and the balances stay as they were, so any rate can run for any
 * time. The session has no throttle.
 * <p>A rate is sustained when every order was answered, without a reject, at an achieved rate of
 * at least 95 % of the target, with p99 at most {@code --p99-max-us} (default 10 ms). Rates run in
 * increasing order and stop after the first one the exchange could not keep up with (throughput),
 * not at a latency miss: on a shared 2-core machine a tail spike at a low rate says little about
 * the rates above it.
 * <p>{@code main}: {@code [--quick] [--rates 1000,5000] [--seconds S] [--out FILE] [--p99-max-us N]};
 * writes perf/results/gateway.json (or FILE) and prints every figure.
 */
public final class GatewayRoundTripBench
{
    static final String SYMBOL = "DATA.TRAFFIC.API";
    static final String PASSWORD = "p1-demo";
    static final long[] FULL_RATES =
        {1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 40_000, 60_000, 80_000, 100_000, 120_000, 150_000};
    static final long[] QUICK_RATES = {1_000, 5_000, 10_000, 20_000, 40_000, 80_000};
    static final long HISTOGRAM_MAX_NS = TimeUnit.SECONDS.toNanos(60);
    static final long DRAIN_NS = TimeUnit.SECONDS.toNanos(10);

    private GatewayRoundTripBench()
    {
    }

    /** One rate's figures. */
    record RunResult(long targetPerS, int orders, long answered, long reports, long rejects, double achievedPerS,
        Histogram histogram, double p99MaxUs, String failure)
    {
        double us(final double percentile)
        {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        /** Throughput alone: every order answered without a reject, at 95 % of the target rate or more. */
        boolean keptUp()
        {
            return null == failure && answered == orders && rejects == 0 && achievedPerS >= 0.95 * targetPerS;
        }

        boolean sustained()
        {
            return keptUp() && us(99) <= p99MaxUs;
        }
    }

    public static void main(final String[] args) throws Exception
    {
        boolean quick = false;
        long[] rates = null;
        double seconds = -1;
        double p99MaxUs = 10_000;
        Path out = Files.isDirectory(Path.of("perf")) ? Path.of("perf", "results", "gateway.json") :
            Path.of("results", "gateway.json");
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick" -> quick = true;
                case "--rates" -> rates = parseRates(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--p99-max-us" -> p99MaxUs = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException(
                    "usage: GatewayRoundTripBench [--quick] [--rates R1,R2] [--seconds S] [--out FILE] [--p99-max-us N]");
            }
        }
        if (null == rates)
        {
            rates = quick ? QUICK_RATES : FULL_RATES;
        }
        if (seconds <= 0)
        {
            seconds = quick ? 2 : 10;
        }
        final double warmupSeconds = quick ? 2 : 10;
        if (Runtime.getRuntime().availableProcessors() < 4)
        {
            System.out.println("WARN " + Runtime.getRuntime().availableProcessors() + " CPUs: client sender and " +
                "receiver, the gateway I/O thread (which also polls matcher events), matcher and media driver share them; expect noise");
        }

        final Path dataDir = Files.createTempDirectory("databourse-gateway-bench");
        final Path sessions = dataDir.resolve("bench-sessions.ini");
        // P1 of the demo reference data, without the demo sessions' throttle of 1000 messages/s.
        Files.write(sessions, List.of("[session]", "sessionId = 1", "senderCompId = DATABOURSE", "targetCompId = P1",
            "profile = exchange", "participant = P1", "username = P1",
            "passwordHash = " + io.databourse.edge.PasswordHash.hash(PASSWORD), "heartbeatIntervalMaxS = 300"));
        final List<RunResult> results = new ArrayList<>();
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(dataDir.resolve("data"))
            .aeronDir("/dev/shm/databourse-gateway-bench-" + ProcessHandle.current().pid())
            .fixEnabled(true)
            .fixPort(0)
            .fixSessionsFile(sessions.toString())))
        {
            final long deadlineMs = System.currentTimeMillis() + 10_000;
            while (exchange.gateway().knownProductCount() == 0 && System.currentTimeMillis() < deadlineMs)
            {
                Thread.sleep(1);
            }
            try (FixClient client = FixClient.connect(exchange.gateway().port()))
            {
                client.logon();
                final RunResult warmup = client.run(2_000, warmupSeconds, p99MaxUs);
                print("warmup", warmup);
                for (int i = 0; i < rates.length && null == warmup.failure(); i++)
                {
                    final long rate = rates[i];
                    final RunResult r = client.run(rate, seconds, p99MaxUs);
                    results.add(r);
                    print("rate", r);
                    if (!r.keptUp())
                    {
                        // Not kept up, or the gateway ended the session (e.g. its event queue for it overflowed).
                        break;
                    }
                }
            }
        }
        finally
        {
            deleteTree(dataDir);
        }
        long maxSustained = 0;
        long maxKeptUp = 0;
        for (final RunResult r : results)
        {
            if (r.sustained())
            {
                maxSustained = Math.max(maxSustained, r.targetPerS());
            }
            if (r.keptUp())
            {
                maxKeptUp = Math.max(maxKeptUp, r.targetPerS());
            }
        }
        System.out.printf(Locale.ROOT, "GATEWAY_RTT max_sustained_rate=%d orders/s (p99 <= %.0f us, all answered, " +
            "achieved >= 95%% of target); max_kept_up_rate=%d orders/s (throughput only)%n", maxSustained, p99MaxUs,
            maxKeptUp);
        final String json = json(results, maxSustained, maxKeptUp, quick, seconds, p99MaxUs, args);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.println("wrote " + out);
    }

    private static long[] parseRates(final String list)
    {
        final String[] parts = list.split(",");
        final long[] rates = new long[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            rates[i] = Long.parseLong(parts[i].trim());
        }
        return rates;
    }

    private static void print(final String what, final RunResult r)
    {
        System.out.printf(Locale.ROOT, "GATEWAY_RTT %s target=%d/s achieved=%.0f/s orders=%d answered=%d reports=%d " +
                "rejects=%d " +
                "p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus%s%s%n", what, r.targetPerS(), r.achievedPerS(),
            r.orders(), r.answered(), r.reports(), r.rejects(), r.us(50), r.us(90), r.us(99), r.us(99.9),
            r.histogram().getMaxValue() / 1000.0, r.sustained() ? "" : " NOT_SUSTAINED",
            null == r.failure() ? "" : " FAILED: " + r.failure());
    }

    private static String json(final List<RunResult> results, final long maxSustained, final long maxKeptUp,
        final boolean quick,
        final double seconds, final double p99MaxUs, final String[] args)
    {
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("{\n");
        sb.append("  \"bench\": \"gateway_round_trip\",\n");
        sb.append("  \"what\": \"NewOrderSingle in -> first ExecutionReport out, loopback TCP, embedded exchange " +
            "(gateway, aeron:ipc, sequencer + matcher + Chronicle journal); open loop, latency from planned send time\",\n");
        sb.append("  \"workload\": \"P1 IOC limit buy 1 DATA.TRAFFIC.API @ 12.00, no offers: accepted then cancelled " +
            "(2 ExecutionReports per order)\",\n");
        sb.append("  \"command\": \"").append(escape("GatewayRoundTripBench " + String.join(" ", args))).append("\",\n");
        sb.append("  \"quick\": ").append(quick).append(",\n");
        sb.append("  \"seconds_per_rate\": ").append(seconds).append(",\n");
        sb.append("  \"sustained_means\": \"all answered, no rejects, achieved >= 95% of target, p99 <= ")
            .append((long)p99MaxUs).append(" us\",\n");
        sb.append("  \"max_sustained_rate_per_s\": ").append(maxSustained).append(",\n");
        sb.append("  \"max_kept_up_rate_per_s\": ").append(maxKeptUp).append(",\n");
        sb.append("  \"machine\": {\"cpus\": ").append(Runtime.getRuntime().availableProcessors())
            .append(", \"jvm\": \"").append(escape(System.getProperty("java.vm.name") + " " +
                System.getProperty("java.runtime.version"))).append("\", \"idle_strategy\": \"")
            .append(System.getProperty(IdleStrategies.PROP, IdleStrategies.DEFAULT)).append("\", \"load_average_at_end\": ")
            .append(String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
            .append("},\n");
        sb.append("  \"rates\": [");
        for (int i = 0; i < results.size(); i++)
        {
            final RunResult r = results.get(i);
            sb.append(i == 0 ? "\n" : ",\n");
            sb.append(String.format(Locale.ROOT, "    {\"target_per_s\": %d, \"achieved_per_s\": %.0f, \"orders\": %d, " +
                    "\"answered\": %d, \"reports\": %d, \"rejects\": %d, \"p50_us\": %.1f, \"p90_us\": %.1f, \"p99_us\": %.1f, " +
                    "\"p99_9_us\": %.1f, \"max_us\": %.1f, \"kept_up\": %b, \"sustained\": %b, \"failure\": %s}",
                r.targetPerS(), r.achievedPerS(), r.orders(), r.answered(), r.reports(), r.rejects(), r.us(50), r.us(90),
                r.us(99), r.us(99.9), r.histogram().getMaxValue() / 1000.0, r.keptUp(), r.sustained(),
                null == r.failure() ? "null" : "\"" + escape(r.failure()) + "\""));
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String escape(final String s)
    {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * The bench's FIX client: one session as P1 over a blocking socket, a sender (the calling
     * thread) and a receiver thread. Messages are encoded into a preallocated buffer; ClOrdIDs are
     * the decimal order number, so the receiver finds the order of a report without a map.
     */
    static final class FixClient implements AutoCloseable
    {
        private static final int SEND_BATCH_BYTES = 48 * 1024;
        private static final int HEADER_ROOM = 32;

        private final SocketChannel channel;
        private final UnsafeBuffer message = new UnsafeBuffer(new byte[1024]);
        private final ByteBuffer outBuffer = ByteBuffer.allocateDirect(64 * 1024);
        private final byte[] inBytes = new byte[1 << 20];
        private final ByteBuffer inBuffer = ByteBuffer.wrap(inBytes);
        private final UnsafeBuffer inView = new UnsafeBuffer(inBytes);
        private final FixFramer framer = new FixFramer(1 << 16);
        private final AtomicLong reportsRead = new AtomicLong();
        private final AtomicLong rejectsRead = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private Thread receiver;
        private volatile Run run;
        private volatile boolean closing;
        private volatile String failure;
        private long seqNum = 1;
        private long nextOrderNumber = 1;
        private long timestampMs = -1;
        private final UnsafeBuffer timestamp = new UnsafeBuffer(new byte[UtcTime.TIMESTAMP_MS_LENGTH]);
        // receiver-side parse results
        private byte msgType;
        private long clOrdIdNumber;
        private byte execType;

        /** What the receiver needs of the run in progress: planned send times of orders first..first+n-1. */
        private static final class Run
        {
            final long firstOrderNumber;
            final long[] plannedNs;
            final boolean[] answered;
            final Histogram histogram = new Histogram(HISTOGRAM_MAX_NS, 3);
            volatile long lastAnswerNs;

            Run(final long firstOrderNumber, final long[] plannedNs)
            {
                this.firstOrderNumber = firstOrderNumber;
                this.plannedNs = plannedNs;
                this.answered = new boolean[plannedNs.length];
            }
        }

        private FixClient(final SocketChannel channel)
        {
            this.channel = channel;
        }

        static FixClient connect(final int port) throws IOException
        {
            final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new FixClient(channel);
        }

        void logon() throws IOException
        {
            outBuffer.clear();
            int at = beginBody('A');
            at += message.putStringWithoutLengthAscii(at, "98=0\u0001108=120\u0001141=Y\u0001553=P1\u0001554=");
            at += message.putStringWithoutLengthAscii(at, PASSWORD);
            message.putByte(at++, FixMessage.SOH);
            frame(at);
            flush();
            // Read synchronously until the Logon answer; the receiver thread starts after it.
            int limit = 0;
            final long deadlineMs = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadlineMs)
            {
                inBuffer.limit(inBytes.length).position(limit);
                final int n = channel.read(inBuffer);
                if (n < 0)
                {
                    throw new IOException("gateway closed the connection at logon");
                }
                limit += n;
                if (FixFramer.FRAME == framer.scan(inView, 0, limit))
                {
                    parse(framer.frameOffset(), framer.frameLength());
                    if (msgType != 'A')
                    {
                        throw new IOException("logon refused: " + new String(inBytes, framer.frameOffset(),
                            framer.frameLength(), StandardCharsets.US_ASCII).replace('\u0001', '|'));
                    }
                    final int consumed = framer.consumedTo();
                    final int remaining = limit - consumed;
                    System.arraycopy(inBytes, consumed, inBytes, 0, remaining);
                    receiver = new Thread(() -> receive(remaining), "bench-fix-receiver");
                    receiver.setDaemon(true);
                    receiver.start();
                    return;
                }
            }
            throw new IOException("no Logon answer within 10 s");
        }

        /** One open-loop run: sends rate x seconds orders at their planned times, then waits for the answers. */
        RunResult run(final long ratePerS, final double seconds, final double p99MaxUs)
        {
            final int n = (int)Math.max(1, Math.round(ratePerS * seconds));
            final double periodNs = 1e9 / ratePerS;
            final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
            final long[] plannedNs = new long[n];
            for (int j = 0; j < n; j++)
            {
                plannedNs[j] = startNs + (long)(j * periodNs);
            }
            final long first = nextOrderNumber;
            final Run current = new Run(first, plannedNs);
            final long answeredBefore = answered.get();
            final long reportsBefore = reportsRead.get();
            final long rejectsBefore = rejectsRead.get();
            run = current;
            int j = 0;
            while (j < n)
            {
                final long nowNs = System.nanoTime();
                final long waitNs = plannedNs[j] - nowNs;
                if (waitNs > 0)
                {
                    // Park for long gaps; for the last stretch yield rather than spin, so that on two cores
                    // the threads under test get the CPU whenever they have work.
                    if (waitNs > 150_000)
                    {
                        LockSupport.parkNanos(waitNs - 100_000);
                    }
                    else
                    {
                        Thread.yield();
                    }
                    continue;
                }
                // Everything that is due goes out in one write: a late sender does not spread its backlog.
                outBuffer.clear();
                final long epochMs = System.currentTimeMillis();
                while (j < n && plannedNs[j] <= nowNs && outBuffer.position() < SEND_BATCH_BYTES)
                {
                    encodeOrder(nextOrderNumber++, epochMs);
                    j++;
                }
                if (null != failure)
                {
                    break;
                }
                try
                {
                    flush();
                }
                catch (final IOException ex)
                {
                    failure = "send failed: " + ex;
                    break;
                }
            }
            final long drainDeadlineNs = plannedNs[n - 1] + DRAIN_NS;
            while (null == failure && answered.get() - answeredBefore < n && System.nanoTime() < drainDeadlineNs)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            final long answeredCount = answered.get() - answeredBefore;
            final long endNs = Math.max(current.lastAnswerNs, startNs + 1);
            final double achieved = answeredCount * 1e9 / (endNs - startNs);
            // Late reports of this run (the cancels) may still be on their way: the count is a check, not a figure.
            return new RunResult(ratePerS, n, answeredCount, reportsRead.get() - reportsBefore,
                rejectsRead.get() - rejectsBefore, achieved,
                current.histogram, p99MaxUs, failure);
        }

        private void encodeOrder(final long orderNumber, final long epochMs)
        {
            int at = beginBody('D');
            at += message.putStringWithoutLengthAscii(at, "11=");
            at += message.putNaturalLongAscii(at, orderNumber);
            at += message.putStringWithoutLengthAscii(at,
                "\u000155=" + SYMBOL + "\u000154=1\u000138=1\u000140=2\u000144=12.00\u000159=3\u000160=");
            message.putBytes(at, timestamp(epochMs), 0, UtcTime.TIMESTAMP_MS_LENGTH);
            at += UtcTime.TIMESTAMP_MS_LENGTH;
            message.putByte(at++, FixMessage.SOH);
            frame(at);
        }

        /** Writes 35, 34, 49, 52, 56 from HEADER_ROOM on; returns where the body continues. */
        private int beginBody(final char type)
        {
            int at = HEADER_ROOM;
            at += message.putStringWithoutLengthAscii(at, "35=");
            message.putByte(at++, (byte)type);
            at += message.putStringWithoutLengthAscii(at, "\u000134=");
            at += message.putNaturalLongAscii(at, seqNum++);
            at += message.putStringWithoutLengthAscii(at, "\u000149=P1\u000152=");
            message.putBytes(at, timestamp(System.currentTimeMillis()), 0, UtcTime.TIMESTAMP_MS_LENGTH);
            at += UtcTime.TIMESTAMP_MS_LENGTH;
            at += message.putStringWithoutLengthAscii(at, "\u000156=DATABOURSE\u0001");
            return at;
        }

        private UnsafeBuffer timestamp(final long epochMs)
        {
            if (epochMs != timestampMs)
            {
                timestampMs = epochMs;
                UtcTime.putTimestampMs(timestamp, 0, epochMs);
            }
            return timestamp;
        }

        /** Puts "8=FIX.4.4|9=len|" before the body at HEADER_ROOM..bodyEnd and the checksum after; appends to outBuffer. */
        private void frame(final int bodyEnd)
        {
            final int bodyLength = bodyEnd - HEADER_ROOM;
            final int digits = bodyLength < 10 ? 1 : bodyLength < 100 ? 2 : bodyLength < 1000 ? 3 : 4;
            final int start = HEADER_ROOM - (13 + digits); // "8=FIX.4.4|9=" digits SOH
            int at = start;
            at += message.putStringWithoutLengthAscii(at, "8=FIX.4.4\u00019=");
            at += message.putNaturalIntAscii(at, bodyLength);
            message.putByte(at, FixMessage.SOH);
            int end = bodyEnd;
            final int checksum = FixFramer.checksum(message, start, end);
            end += message.putStringWithoutLengthAscii(end, "10=");
            message.putByte(end++, (byte)('0' + checksum / 100));
            message.putByte(end++, (byte)('0' + checksum / 10 % 10));
            message.putByte(end++, (byte)('0' + checksum % 10));
            message.putByte(end++, FixMessage.SOH);
            outBuffer.put(message.byteArray(), start, end - start);
        }

        private void flush() throws IOException
        {
            outBuffer.flip();
            while (outBuffer.hasRemaining())
            {
                channel.write(outBuffer);
            }
        }

        private void receive(final int initialLimit)
        {
            int limit = initialLimit;
            try
            {
                while (!closing)
                {
                    int start = 0;
                    while (true)
                    {
                        final int status = framer.scan(inView, start, limit);
                        if (FixFramer.FRAME == status)
                        {
                            onMessage(framer.frameOffset(), framer.frameLength());
                        }
                        else if (FixFramer.NEED_MORE == status)
                        {
                            break;
                        }
                        else
                        {
                            failure = "unreadable bytes from the gateway (framer status " + status + ")";
                            return;
                        }
                        start = framer.consumedTo();
                    }
                    System.arraycopy(inBytes, start, inBytes, 0, limit - start);
                    limit -= start;
                    inBuffer.limit(inBytes.length).position(limit);
                    final int n = channel.read(inBuffer);
                    if (n < 0)
                    {
                        if (!closing)
                        {
                            failure = "gateway closed the connection";
                        }
                        return;
                    }
                    // One clock read per read(): every report in it arrived by now.
                    nowNs = System.nanoTime();
                    limit += n;
                }
            }
            catch (final IOException ex)
            {
                if (!closing)
                {
                    failure = "receive failed: " + ex;
                }
            }
        }

        private long nowNs;

        private void onMessage(final int offset, final int length)
        {
            parse(offset, length);
            if ('8' != msgType)
            {
                if ('5' == msgType || '3' == msgType || 'j' == msgType)
                {
                    failure = "gateway sent " + new String(inBytes, offset, length, StandardCharsets.US_ASCII)
                        .replace('\u0001', '|');
                }
                return;
            }
            reportsRead.incrementAndGet();
            if ('8' == execType)
            {
                rejectsRead.incrementAndGet();
            }
            final Run current = run;
            if (null == current)
            {
                return;
            }
            final long j = clOrdIdNumber - current.firstOrderNumber;
            if (j < 0 || j >= current.plannedNs.length || current.answered[(int)j])
            {
                return;
            }
            current.answered[(int)j] = true;
            current.histogram.recordValue(Math.min(HISTOGRAM_MAX_NS, Math.max(0, nowNs - current.plannedNs[(int)j])));
            current.lastAnswerNs = nowNs;
            answered.incrementAndGet();
        }

        /** Reads 35, 11 (as a number) and 150 of the frame without creating objects. */
        private void parse(final int offset, final int length)
        {
            msgType = 0;
            clOrdIdNumber = -1;
            execType = 0;
            final int end = offset + length;
            int at = offset;
            while (at < end)
            {
                int tag = 0;
                byte b;
                while (at < end && (b = inBytes[at++]) != '=')
                {
                    tag = tag * 10 + (b - '0');
                }
                final int valueStart = at;
                while (at < end && inBytes[at] != FixMessage.SOH)
                {
                    at++;
                }
                if (35 == tag)
                {
                    msgType = inBytes[valueStart];
                }
                else if (150 == tag)
                {
                    execType = inBytes[valueStart];
                }
                else if (11 == tag)
                {
                    long v = 0;
                    for (int i = valueStart; i < at; i++)
                    {
                        final int d = inBytes[i] - '0';
                        if (d < 0 || d > 9)
                        {
                            v = -1;
                            break;
                        }
                        v = v * 10 + d;
                    }
                    clOrdIdNumber = v;
                }
                at++;
            }
        }

        @Override
        public void close() throws IOException
        {
            closing = true;
            channel.close();
            if (null != receiver)
            {
                try
                {
                    receiver.join(5_000);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
