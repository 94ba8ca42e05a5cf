package io.databourse.perf;

import io.databourse.perf.engine.CommandTape;
import io.databourse.perf.engine.PipelineUnderTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Throughput of the journaled pipeline when one is on the class path.
 * <pre>
 *  +-------------+  offer()   +--------------------------------------------------------+
 *  | CommandTape | ---------> | Aeron IPC -> sequencer -> Chronicle Queue -> matcher -> | --> events out
 *  | (producer)  |            +--------------------------------------------------------+
 *  +-------------+   timed: first offer .. processedCount() reaches the last command
 * </pre>
 */
final class PipelineBench
{
    private PipelineBench()
    {
    }

    static PipelineUnderTest.Factory findFactory()
    {
        for (final PipelineUnderTest.Factory f : ServiceLoader.load(PipelineUnderTest.Factory.class))
        {
            return f;
        }
        return null;
    }

    /** Median ops/s over runs, or NaN when no pipeline is available. */
    static ThroughputBench.Result run(final CommandTape tape, final int runs) throws IOException
    {
        final PipelineUnderTest.Factory factory = findFactory();
        if (null == factory)
        {
            System.out.println("PIPELINE not measured: no PipelineUnderTest.Factory on the class path yet");
            return null;
        }
        final double[] opsPerSec = new double[runs];
        long trades = 0;
        long rejects = 0;
        boolean ok = true;
        for (int run = -1; run < runs; run++)
        {
            final Path scratch = Files.createTempDirectory("databourse-pipeline-bench");
            try (PipelineUnderTest pipeline = factory.start(tape, scratch))
            {
                offerRange(pipeline, tape, 0, tape.fillEnd());
                await(pipeline, tape.fillEnd());
                final long tradesBefore = pipeline.tradeCount();
                final long rejectsBefore = pipeline.rejectCount();
                final long startNs = System.nanoTime();
                offerRange(pipeline, tape, tape.fillEnd(), tape.count());
                await(pipeline, tape.count());
                final long elapsedNs = System.nanoTime() - startNs;
                final double rate = tape.timedCount() * 1e9 / elapsedNs;
                trades = pipeline.tradeCount() - tradesBefore;
                rejects = pipeline.rejectCount() - rejectsBefore;
                final boolean runOk = trades == tape.expectTradesTimed() && rejects == 0;
                ok &= runOk;
                if (run >= 0)
                {
                    opsPerSec[run] = rate;
                }
                System.out.printf(Locale.ROOT, "PIPELINE %s run=%s commands=%d seconds=%.3f ops_per_sec=%.0f trades=%d "
                        + "expected_trades=%d rejects=%d%s%n", factory.name(), run < 0 ? "warmup" : run + 1,
                    tape.timedCount(), elapsedNs / 1e9, rate, trades, tape.expectTradesTimed(), rejects,
                    runOk ? "" : " MISMATCH");
            }
            finally
            {
                deleteTree(scratch);
            }
        }
        return new ThroughputBench.Result(factory.name(), opsPerSec, trades, tape.expectTradesTimed(), rejects, "", ok);
    }

    private static void offerRange(final PipelineUnderTest pipeline, final CommandTape tape, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            while (!pipeline.offer(tape.buffer(), tape.offset(i), tape.length(i)))
            {
                Thread.onSpinWait();
            }
        }
    }

    private static void await(final PipelineUnderTest pipeline, final long count)
    {
        final long deadlineNs = System.nanoTime() + 600_000_000_000L;
        while (pipeline.processedCount() < count)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("pipeline stalled at " + pipeline.processedCount() + " of " + count);
            }
            Thread.onSpinWait();
        }
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
