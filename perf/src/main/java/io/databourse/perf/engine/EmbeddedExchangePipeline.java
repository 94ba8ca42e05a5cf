package io.databourse.perf.engine;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.journal.schema.ExchangeStreams;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The journaled pipeline as the launcher runs it ({@link EmbeddedExchange}), driven in-process:
 * <pre>
 *  bench thread                    media driver (SHARED)     matcher agent thread
 *  +-----------+  Aeron IPC 1001   +---------+               +------------------------------+
 *  | offer()   | ----------------> |  IPC    | ------------> | Sequencer: seq, time, Matcher |
 *  |           |                   |         |               | -> Chronicle Queue append     |
 *  | poll()    | <---------------- |  IPC    | <------------ | -> egress JournalRecord       |
 *  +-----------+  Aeron IPC 1002   +---------+               +------------------------------+
 * </pre>
 * The bench thread also drains the egress (inside {@link #offer} and {@link #processedCount}), so
 * the run uses three threads on two cores, as the launcher would with one gateway. A record
 * counts as processed once it has been journaled and published; records split into chunks (large
 * fan-outs) count once, their events all.
 */
public final class EmbeddedExchangePipeline implements PipelineUnderTest
{
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int FRAGMENT_LIMIT = 256;

    private final EmbeddedExchange exchange;
    private final ExclusivePublication ingress;
    private final Subscription egress;
    private final JournalRecord record = new JournalRecord();
    /** Records longer than the IPC MTU arrive in fragments: reassemble before reading. */
    private final FragmentHandler onMessage = new io.aeron.FragmentAssembler(this::onMessage);
    private final JournalRecord.RecordHandler recordHandler = this::onRecord;
    private long lastSeq;
    private long processed;
    private long trades;
    private long rejects;

    EmbeddedExchangePipeline(final CommandTape tape, final Path scratchDir, final int matcherCpu)
    {
        final String aeronDir = (isDir("/dev/shm") ? "/dev/shm/" : System.getProperty("java.io.tmpdir") + "/")
            + "databourse-bench-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(scratchDir)
            .aeronDir(aeronDir)
            .embeddedDriver(true)
            .matcherCpu(matcherCpu)
            .matcherContext(MatcherDriver.contextFor(tape.workload())));
        ingress = exchange.aeron().addExclusivePublication(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.COMMAND_STREAM_ID);
        egress = exchange.aeron().addSubscription(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.EVENT_STREAM_ID);
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (!ingress.isConnected() || !egress.isConnected())
        {
            if (System.nanoTime() > deadlineNs)
            {
                close();
                throw new IllegalStateException("pipeline streams did not connect within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static boolean isDir(final String path)
    {
        return new java.io.File(path).isDirectory();
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        egress.poll(onMessage, FRAGMENT_LIMIT);
        final long result = ingress.offer(buffer, offset, length);
        if (result == io.aeron.Publication.CLOSED || result == io.aeron.Publication.MAX_POSITION_EXCEEDED)
        {
            throw new IllegalStateException("ingress publication unusable: " + result);
        }
        return result > 0;
    }

    @Override
    public long processedCount()
    {
        egress.poll(onMessage, FRAGMENT_LIMIT);
        return processed;
    }

    @Override
    public long tradeCount()
    {
        return trades;
    }

    @Override
    public long rejectCount()
    {
        return rejects;
    }

    /** One egress message: one or more whole records back to back. */
    private void onMessage(final DirectBuffer buffer, final int offset, final int length,
        final io.aeron.logbuffer.Header header)
    {
        record.forEachRecord(buffer, offset, length, recordHandler);
    }

    private void onRecord(final JournalRecord record)
    {
        final long seq = record.seq();
        if (seq > lastSeq)
        {
            lastSeq = seq;
            processed++;
        }
        final DirectBuffer buffer = record.buffer();
        int at = record.eventsOffset();
        final int end = at + record.eventsLength();
        while (at < end)
        {
            final int type = RecordHeader.typeAt(buffer, at);
            if (type == MessageType.TRADE)
            {
                trades++;
            }
            else if (type == MessageType.REJECTED)
            {
                rejects++;
            }
            at += RecordHeader.lengthAt(buffer, at);
        }
    }

    @Override
    public void close()
    {
        org.agrona.CloseHelper.closeAll(ingress, egress, exchange);
    }

    /** Registered in META-INF/services so that the bench finds it; the pipeline module may replace it. */
    public static final class Factory implements PipelineUnderTest.Factory
    {
        @Override
        public String name()
        {
            return "embedded-exchange(aeron-ipc+sequencer+chronicle+matcher)";
        }

        @Override
        public PipelineUnderTest start(final CommandTape tape, final Path scratchDir, final int matcherCpu)
        {
            return new EmbeddedExchangePipeline(tape, scratchDir, matcherCpu);
        }
    }

}
