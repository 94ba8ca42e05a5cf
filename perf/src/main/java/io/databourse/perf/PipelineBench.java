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

    /**
     * Where the pipeline's two busy threads run: the matcher on one CPU, the bench thread (producer
     * and egress reader, like a gateway) on another, pinned only once the pipeline has started so
     * that the media driver and other threads keep both CPUs. {@link #NONE} leaves placement to the
     * scheduler.
     */
    record Pinning(int matcherCpu, int benchCpu)
    {
        static final Pinning NONE = new Pinning(-1, -1);

        /** "none", or "M,B"; the default, on two or more CPUs, is the last CPU for the matcher and CPU 0 for the bench. */
        static Pinning parse(final String spec)
        {
            final int cpus = Runtime.getRuntime().availableProcessors();
            if (null == spec)
            {
                return cpus >= 2 ? new Pinning(cpus - 1, 0) : NONE;
            }
            if (spec.equals("none"))
            {
                return NONE;
            }
            final String[] parts = spec.split(",");
            if (parts.length != 2)
            {
                throw new IllegalArgumentException("--pipeline-cpus takes none or MATCHER,BENCH: " + spec);
            }
            return new Pinning(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }

        @Override
        public String toString()
        {
            return this == NONE || matcherCpu < 0 ? "none" : "matcher on CPU " + matcherCpu + ", bench thread on CPU " + benchCpu;
        }

        /**
         * Pins the calling (bench) thread. {@link #release} it, with the CPUs it had before, ahead of
         * starting threads or processes: they would inherit the pinning.
         */
        void pinBenchThread()
        {
            if (benchCpu >= 0 && !io.databourse.exchange.CpuPinning.pinCurrentThread(benchCpu))
            {
                System.out.println("PIPELINE warning: could not pin the bench thread to CPU " + benchCpu);
            }
        }

        void release(final java.util.BitSet before)
        {
            if (benchCpu >= 0)
            {
                io.databourse.exchange.CpuPinning.restore(before);
            }
        }
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
    static ThroughputBench.Result run(final CommandTape tape, final int runs, final Pinning pinning) throws IOException
    {
        final java.util.BitSet unpinned = io.databourse.exchange.CpuPinning.currentCpus();
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
        // untimed runs first, each on a fresh pipeline, about 3M commands as for the matcher alone: the
        // JIT compiles the matcher, sequencer and Aeron paths then, not while the timed runs need both cores
        final int warmups = ThroughputBench.warmupsFor(tape.timedCount());
        for (int run = -warmups; run < runs; run++)
        {
            final Path scratch = Files.createTempDirectory("databourse-pipeline-bench");
            try (PipelineUnderTest pipeline = factory.start(tape, scratch, pinning.matcherCpu()))
            {
                // after start: the pipeline's own threads (media driver, clients) keep the whole machine
                pinning.pinBenchThread();
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
                pinning.release(unpinned);
                deleteTree(scratch);
            }
        }
        return new ThroughputBench.Result(factory.name(), opsPerSec, trades, tape.expectTradesTimed(), rejects, "", ok);
    }

    /**
     * Open-loop latency through the pipeline at a fixed rate, one fresh pipeline per rate: command j
     * of the timed part is due at start + j / rate; the bench thread offers each when due and, while
     * waiting, drains the egress, stamping every record that has come out with the time it saw it.
     * Latency = that stamp - the planned send time (no coordinated omission: a stall delays the
     * stamps of all commands planned during it). At most one pass of the tape's timed commands.
     * <p>The first {@link #WARMUP_SHARE} of the schedule is sent at the same rate but not recorded:
     * a freshly started exchange runs behind for its first ~50 ms (measured: commands 1–4 ms late at
     * 100k/s, JIT warm and 0.5 s after start alike) while its threads, Aeron log buffers and journal
     * settle, which is start-up, not the steady state a rate is measured for. Every later command
     * is recorded, stalls included.
     */
    /** Share of each rate's schedule sent first and not recorded (start-up of a fresh exchange). */
    static final double WARMUP_SHARE = 0.2;

    static LatencyBench.Result latency(
        final CommandTape tape, final long ratePerSec, final double seconds, final Pinning pinning) throws IOException
    {
        final java.util.BitSet unpinned = io.databourse.exchange.CpuPinning.currentCpus();
        final PipelineUnderTest.Factory factory = findFactory();
        if (null == factory)
        {
            return null;
        }
        final int n = (int)Math.min(tape.timedCount(), Math.max(1, (long)(seconds * ratePerSec)));
        final int warmup = (int)(n * WARMUP_SHARE);
        final long[] plannedNs = new long[n];
        final org.HdrHistogram.Histogram histogram = new org.HdrHistogram.Histogram(3);
        final Path scratch = Files.createTempDirectory("databourse-pipeline-latency");
        final long rejects;
        long lastNs;
        long startNs;
        try (PipelineUnderTest pipeline = factory.start(tape, scratch, pinning.matcherCpu()))
        {
            pinning.pinBenchThread();
            offerRange(pipeline, tape, 0, tape.fillEnd());
            await(pipeline, tape.fillEnd());
            final long rejectsBefore = pipeline.rejectCount();
            final long base = tape.fillEnd();
            final double periodNs = 1e9 / ratePerSec;
            startNs = System.nanoTime() + 1_000_000;
            for (int j = 0; j < n; j++)
            {
                plannedNs[j] = startNs + (long)(j * periodNs);
            }
            int sent = 0;
            int completed = 0;
            lastNs = startNs;
            while (completed < n)
            {
                final long nowNs = System.nanoTime();
                if (sent < n && nowNs >= plannedNs[sent])
                {
                    final int i = tape.fillEnd() + sent;
                    while (!pipeline.offer(tape.buffer(), tape.offset(i), tape.length(i)))
                    {
                        Thread.yield(); // back-pressured: let the pipeline's threads have this CPU
                    }
                    sent++;
                    continue;
                }
                final long done = Math.min(n, pipeline.processedCount() - base);
                if (done > completed)
                {
                    lastNs = System.nanoTime();
                    for (; completed < done; completed++)
                    {
                        if (completed >= warmup)
                        {
                            histogram.recordValue(Math.max(0, lastNs - plannedNs[completed]));
                        }
                    }
                }
                else if (lastNs - startNs > 600_000_000_000L)
                {
                    throw new IllegalStateException("pipeline stalled during the latency run");
                }
            }
            rejects = pipeline.rejectCount() - rejectsBefore;
        }
        finally
        {
            pinning.release(unpinned);
            deleteTree(scratch);
        }
        if (rejects != 0)
        {
            throw new IllegalStateException("pipeline latency run rejected " + rejects + " commands");
        }
        final LatencyBench.Result r = new LatencyBench.Result(ratePerSec, histogram, n * 1e9 / Math.max(1, lastNs - startNs));
        System.out.printf(java.util.Locale.ROOT, "PIPELINE_LATENCY rate=%d achieved=%.0f warmup=%d count=%d p50=%.2fus "
                + "p99=%.2fus p99.9=%.2fus p99.99=%.2fus max=%.2fus%n", ratePerSec, r.achievedOpsPerSec(), warmup,
            histogram.getTotalCount(),
            r.percentileUs(50), r.percentileUs(99), r.percentileUs(99.9), r.percentileUs(99.99), r.maxUs());
        return r;
    }

    private static void offerRange(final PipelineUnderTest pipeline, final CommandTape tape, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            while (!pipeline.offer(tape.buffer(), tape.offset(i), tape.length(i)))
            {
                // back-pressured: yield, so that the media driver, which advances the publication limit
                // and shares this CPU when pinned, gets to run
                Thread.yield();
            }
        }
    }

    private static void await(final PipelineUnderTest pipeline, final long count)
    {
        final long deadlineNs = System.nanoTime() + 600_000_000_000L;
        long polls = 0;
        while (pipeline.processedCount() < count)
        {
            // the clock only now and then
            if ((++polls & 0xFFF) == 0 && System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("pipeline stalled at " + pipeline.processedCount() + " of " + count);
            }
            // the egress window also needs the media driver to run: do not spin it off this CPU
            Thread.yield();
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
