package io.databourse.perf;

import io.databourse.perf.engine.CommandTape;
import io.databourse.perf.engine.MatcherDriver;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Locale;

/**
 * Open-loop latency of the matcher alone at fixed offered rates, free of coordinated omission:
 * command i has a planned send time start + i / rate, and its latency is measured from that plan,
 * not from when the (possibly late) loop got round to it. A stall therefore shows up in every
 * command that should have been sent during it, as a real client at that rate would see.
 * <pre>
 *   planned send times (rate R)      spin until planned     apply + walk events
 *   t0, t0+1/R, t0+2/R, ...  ---->  [ schedule ]  ---->  [ Matcher ]  ---> record(now - planned)
 *                                    one thread, no queue: lateness accumulates as queueing delay
 * </pre>
 * When the tape's timed commands run out, the book is rebuilt (untimed) and a new schedule starts.
 */
public final class LatencyBench
{
    /** A gap between two consecutive clock reads of a latency loop longer than this is a stall. */
    public static final long STALL_THRESHOLD_NS = 5_000;

    private LatencyBench()
    {
    }

    /**
     * One rate's latencies. {@code stalledFraction}: the share of the schedule's time in gaps over
     * {@link #STALL_THRESHOLD_NS} between the loop's consecutive clock reads (spinning or serving),
     * i.e. the machine's stalls during this very run; NaN where not measured (the pipeline).
     */
    public record Result(
        String label, long ratePerSec, Histogram histogram, double achievedOpsPerSec, double stalledFraction)
    {
        public Result(final long ratePerSec, final Histogram histogram, final double achievedOpsPerSec)
        {
            this(String.format(Locale.ROOT, "%,d cmd/s", ratePerSec), ratePerSec, histogram, achievedOpsPerSec,
                Double.NaN);
        }

        public double percentileUs(final double percentile)
        {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        public double maxUs()
        {
            return histogram.getMaxValue() / 1000.0;
        }
    }

    /**
     * Warms the JIT, untimed: the tape at full speed, then the open-loop schedules themselves (with
     * and without the engine) for a moment at 1M/s. Without the latter, the first rate measured ran
     * its schedule loop interpreted until an on-stack replacement compiled it: the first ~30,000
     * commands of a standalone 1M/s run came out up to 2.6 ms late.
     */
    public static void warmUp(final CommandTape tape, final int passes)
    {
        for (int p = 0; p < passes; p++)
        {
            new MatcherDriver(tape).prepare().applyRange(tape.fillEnd(), tape.count());
        }
        for (int p = 0; p < 3; p++)
        {
            schedule(tape, 1_000_000, 0.2);
            scheduleFloor(1_000_000, 0.2);
        }
    }

    public static Result measure(final CommandTape tape, final long ratePerSec, final double seconds)
    {
        final Result result = schedule(tape, ratePerSec, seconds);
        final Histogram histogram = result.histogram();
        System.out.printf(Locale.ROOT, "LATENCY rate=%d achieved=%.0f count=%d p50=%.2fus p99=%.2fus p99.9=%.2fus "
                + "p99.99=%.2fus max=%.2fus stalled=%.2f%%%n", ratePerSec, result.achievedOpsPerSec(),
            histogram.getTotalCount(), result.percentileUs(50), result.percentileUs(99), result.percentileUs(99.9),
            result.percentileUs(99.99), result.maxUs(), 100 * result.stalledFraction());
        return result;
    }

    private static Result schedule(final CommandTape tape, final long ratePerSec, final double seconds)
    {
        final Histogram histogram = new Histogram(3);
        final double periodNs = 1e9 / ratePerSec;
        final long target = Math.max(1, (long)(seconds * ratePerSec));
        final UnsafeBuffer buffer = tape.buffer();
        long sent = 0;
        long activeNs = 0;
        long stalledNs = 0;
        while (sent < target)
        {
            final MatcherDriver driver = new MatcherDriver(tape).prepare();
            settleHeap();
            final int first = tape.fillEnd();
            final long startNs = System.nanoTime() + 100_000;
            // One clock read per command where a backlog is drained: the completion time of one
            // command tells whether the next is already due (reading the clock costs ~24 ns here,
            // a seventh of a command), so a late loop does not read it twice to learn it is late.
            long nowNs = System.nanoTime();
            int i = first;
            for (; i < tape.count() && sent < target; i++, sent++)
            {
                final long plannedNs = startNs + (long)((i - first) * periodNs);
                long previousNs = nowNs;
                while (nowNs < plannedNs)
                {
                    Thread.onSpinWait();
                    nowNs = System.nanoTime();
                    stalledNs += stallIn(nowNs - previousNs);
                    previousNs = nowNs;
                }
                driver.applyOne(buffer, i);
                nowNs = System.nanoTime();
                stalledNs += stallIn(nowNs - previousNs);
                histogram.recordValue(nowNs - plannedNs);
            }
            activeNs += nowNs - startNs;
            if (driver.rejects() != 0)
            {
                throw new IllegalStateException("latency run rejected commands: " + driver.rejectSummary());
            }
        }
        return new Result(String.format(Locale.ROOT, "%,d cmd/s", ratePerSec), ratePerSec, histogram,
            sent * 1e9 / Math.max(1, activeNs), stalledNs / (double)Math.max(1, activeNs));
    }

    /** A gap between consecutive clock reads counts as a stall (its whole length) over the threshold. */
    private static long stallIn(final long gapNs)
    {
        return gapNs > STALL_THRESHOLD_NS ? gapNs : 0;
    }

    /**
     * The engine's own time per command, apart from the machine's stalls and from queueing: the
     * tape's timed part applied back to back, each command timed alone (the clock read, ~24 ns here,
     * included), over {@code passes} fresh books. Beside the open-loop figures it separates what the
     * matcher does from what the machine does to it.
     */
    public static Histogram serviceTime(final CommandTape tape, final int passes)
    {
        final Histogram histogram = new Histogram(3);
        final UnsafeBuffer buffer = tape.buffer();
        for (int p = 0; p < passes; p++)
        {
            final MatcherDriver driver = new MatcherDriver(tape).prepare();
            settleHeap();
            long lastNs = System.nanoTime();
            for (int i = tape.fillEnd(); i < tape.count(); i++)
            {
                driver.applyOne(buffer, i);
                final long nowNs = System.nanoTime();
                histogram.recordValue(nowNs - lastNs);
                lastNs = nowNs;
            }
            if (driver.rejects() != 0)
            {
                throw new IllegalStateException("service-time run rejected commands: " + driver.rejectSummary());
            }
        }
        System.out.printf(Locale.ROOT, "SERVICE_TIME count=%d p50=%dns p99=%dns p99.9=%dns p99.99=%dns max=%dns%n",
            histogram.getTotalCount(), histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9), histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
        return histogram;
    }

    /**
     * The same open-loop schedule with no engine at all: each planned slot is "served" the moment
     * the loop reaches it. What this records is the machine alone (timer interrupts, the hypervisor,
     * other threads taking the core), the floor under any engine's percentiles at that rate.
     */
    public static Result measureFloor(final long ratePerSec, final double seconds)
    {
        final Result result = scheduleFloor(ratePerSec, seconds);
        System.out.printf(Locale.ROOT, "LATENCY_FLOOR rate=%d count=%d p50=%.2fus p99=%.2fus p99.9=%.2fus p99.99=%.2fus "
                + "max=%.2fus stalled=%.2f%%%n", ratePerSec, result.histogram().getTotalCount(), result.percentileUs(50),
            result.percentileUs(99), result.percentileUs(99.9), result.percentileUs(99.99), result.maxUs(),
            100 * result.stalledFraction());
        return result;
    }

    private static Result scheduleFloor(final long ratePerSec, final double seconds)
    {
        settleHeap();
        final Histogram histogram = new Histogram(3);
        final double periodNs = 1e9 / ratePerSec;
        final long n = Math.max(1, (long)(seconds * ratePerSec));
        final long startNs = System.nanoTime() + 100_000;
        long lastNs = System.nanoTime();
        long stalledNs = 0;
        for (long i = 0; i < n; i++)
        {
            final long plannedNs = startNs + (long)(i * periodNs);
            long previousNs = lastNs;
            while (lastNs < plannedNs) // as measure() does: the last reading answers whether a slot is due
            {
                Thread.onSpinWait();
                lastNs = System.nanoTime();
                stalledNs += stallIn(lastNs - previousNs);
                previousNs = lastNs;
            }
            lastNs = System.nanoTime();
            stalledNs += stallIn(lastNs - previousNs);
            histogram.recordValue(lastNs - plannedNs);
        }
        return new Result("no engine (machine floor), " + String.format(Locale.ROOT, "%,d/s", ratePerSec),
            ratePerSec, histogram, n * 1e9 / Math.max(1, lastNs - startNs),
            stalledNs / (double)Math.max(1, lastNs - startNs));
    }

    /**
     * Collects the bench's own garbage before a schedule starts, untimed. Rebuilding the book
     * allocates a new matcher (large arrays, which G1 allocates as humongous objects and which start
     * a concurrent cycle), and that cycle's remark pause, 4-7 ms, then fell inside the schedule that
     * followed: the ms-level p99.9 of the suite's matcher-alone rates. The matcher allocates nothing
     * while it runs, so nothing starts another cycle before the schedule ends. bench.sh keeps the
     * heap from shrinking (-XX:MaxHeapFreeRatio=100), so that these collections give no memory back
     * to the OS to be taken again.
     */
    private static void settleHeap()
    {
        System.gc();
    }

    /**
     * What one {@link System#nanoTime()} costs on this machine (the latency loops read it once or
     * twice per command, so it is part of every latency figure's service time).
     */
    public static double clockReadNs()
    {
        final int reads = 10_000_000;
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++)
        {
            final long startNs = System.nanoTime();
            for (int i = 0; i < reads; i++)
            {
                sink += System.nanoTime();
            }
            best = Math.min(best, (System.nanoTime() - startNs) / (double)reads);
        }
        System.out.printf(Locale.ROOT, "CLOCK nanoTime=%.1fns per read (best of 5 x %d reads)%s%n", best, reads,
            sink == 42 ? " " : "");
        return best;
    }

    /** Stalls of a spinning thread: gaps over a threshold between consecutive clock reads. */
    public record StallCensus(double seconds, long thresholdNs, long stalls, long stalledNs, long longestNs)
    {
        public double stallsPerSec()
        {
            return stalls / seconds;
        }

        public double stalledFraction()
        {
            return stalledNs / (seconds * 1e9);
        }
    }

    /**
     * Spins for {@code seconds} reading the clock and counts the gaps longer than {@code thresholdNs}:
     * how often, and for how long, this thread loses its core. A gap of g ns delays every command
     * planned during it, and the ones queued behind them while the engine catches up.
     */
    public static StallCensus stallCensus(final double seconds, final long thresholdNs)
    {
        final long endNs = System.nanoTime() + (long)(seconds * 1e9);
        long previousNs = System.nanoTime();
        long stalls = 0;
        long stalledNs = 0;
        long longestNs = 0;
        while (previousNs < endNs)
        {
            final long nowNs = System.nanoTime();
            final long gapNs = nowNs - previousNs;
            if (gapNs > thresholdNs)
            {
                stalls++;
                stalledNs += gapNs;
                longestNs = Math.max(longestNs, gapNs);
            }
            previousNs = nowNs;
        }
        final StallCensus census = new StallCensus(seconds, thresholdNs, stalls, stalledNs, longestNs);
        System.out.printf(Locale.ROOT, "STALLS seconds=%.1f threshold=%.1fus stalls_per_sec=%.0f mean=%.1fus "
                + "longest=%.1fus stalled=%.3f%%%n", seconds, thresholdNs / 1e3, census.stallsPerSec(),
            stalls == 0 ? 0 : stalledNs / 1e3 / stalls, longestNs / 1e3, 100 * census.stalledFraction());
        return census;
    }
}
