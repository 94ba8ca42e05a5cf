package io.databourse.perf.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.databourse.gateway.fix.FixFramer;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.UtcTime;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The round-trip bench's FIX client, the same for every server: one session over a blocking
 * socket (SenderCompID = the username, TargetCompID DATABOURSE), a sender (the calling thread) and
 * a receiver thread. Messages are encoded into a preallocated buffer; ClOrdIDs are the decimal
 * order number, so the receiver finds the order of a report without a map. Not a FIX engine, which
 * would measure itself.
 * <p>Open loop: order j of a run at rate R is due at start + j / R whatever happened before, and is
 * sent when due (a backlog goes out in one write), so a stall shows up in the latency of every
 * order planned during it (no coordinated omission). Latency = the time the first ExecutionReport
 * for order j is read − its planned send time.
 * <p>Every order is an IOC limit buy of 1 {@value #SYMBOL} at 12.00: the full path's matcher finds
 * no offer and cancels it, and both echo executors answer the same way: two reports an order.
 */
final class RoundTripClient implements AutoCloseable
{
    static final String SYMBOL = "DATA.TRAFFIC.API";
    static final long HISTOGRAM_MAX_NS = TimeUnit.SECONDS.toNanos(60);
    /** How long a run waits after its last planned send for the answers still due. */
    static final long DRAIN_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int SEND_BATCH_BYTES = 48 * 1024;
    private static final int HEADER_ROOM = 32;

    /** One rate's figures. */
    record RunResult(long targetPerS, int orders, long answered, long reports, long rejects, double achievedPerS,
        Histogram histogram, double p99MaxUs, String failure, double loadAverage)
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

    private final SocketChannel channel;
    private final String username;
    private final String password;
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
    private volatile String firstReject;
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

    private RoundTripClient(final SocketChannel channel, final String username, final String password)
    {
        this.channel = channel;
        this.username = username;
        this.password = password;
    }

    static RoundTripClient connect(final int port, final String username, final String password) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new RoundTripClient(channel, username, password);
    }

    /** The first ExecutionReport (rejected) this client read, whole, or null. */
    String firstReject()
    {
        return firstReject;
    }

    void logon() throws IOException
    {
        outBuffer.clear();
        int at = beginBody('A');
        at += message.putStringWithoutLengthAscii(at, "98=0\u0001108=120\u0001141=Y\u0001553=");
        at += message.putStringWithoutLengthAscii(at, username);
        at += message.putStringWithoutLengthAscii(at, "\u0001554=");
        at += message.putStringWithoutLengthAscii(at, password);
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
            current.histogram, p99MaxUs, failure,
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
        at += message.putStringWithoutLengthAscii(at, "\u000149=");
        at += message.putStringWithoutLengthAscii(at, username);
        at += message.putStringWithoutLengthAscii(at, "\u000152=");
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
        if ('8' == execType && 1 == rejectsRead.incrementAndGet())
        {
            // the first reject says why (the text of one is enough; later ones are only counted)
            firstReject = new String(inBytes, offset, length, StandardCharsets.US_ASCII).replace('\u0001', '|');
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
