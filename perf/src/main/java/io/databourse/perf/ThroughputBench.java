package io.databourse.perf;

import io.databourse.perf.engine.CommandTape;
import io.databourse.perf.engine.MatcherDriver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Throughput of the matcher alone on a workload's timed commands.
 * <pre>
 *  +---------------------------+      apply(seq, timeNs, buf, off, len)      +---------+   events walked
 *  | CommandTape (pre-encoded, | ------------------------------------------> | Matcher | --> (trades,
 *  | off-heap, one thread)     |           same thread, no queue              +---------+      rejects)
 *  +---------------------------+
 * </pre>
 * Each run builds a fresh matcher, applies set-up and fill untimed, then times the rest. The check:
 * trades equal the generator's expectation and nothing is rejected.
 */
public final class ThroughputBench
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThroughputBench()
    {
    }

    /** Result of one engine over several runs. */
    public record Result(String engine, double[] opsPerSec, long trades, long expectedTrades, long rejects,
        String rejectSummary, boolean checkOk)
    {
        public double median()
        {
            final double[] sorted = opsPerSec.clone();
            Arrays.sort(sorted);
            final int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        public double best()
        {
            return Arrays.stream(opsPerSec).max().orElse(0);
        }
    }

    /**
     * Warm-up runs (printed, not counted) until about 3M commands have gone through, at most 10 runs:
     * exchange-core in particular keeps speeding up well past its first 300k commands (JIT of its
     * pipeline), so a short tape with one warm-up run understates it. The same rule for both engines.
     */
    public static int warmupsFor(final int timedCommands)
    {
        return (int)Math.min(10, Math.max(1, (3_000_000L + timedCommands - 1) / Math.max(1, timedCommands)));
    }

    /** Warm-up runs of our matcher, printed, not counted. */
    public static void warmUp(final CommandTape tape)
    {
        for (int k = 0; k < warmupsFor(tape.timedCount()); k++)
        {
            runOnce(tape, "warmup");
        }
    }

    /** One run on a fresh matcher; returns ops/s, or a negative value when the result check failed. */
    public static double runOnce(final CommandTape tape, final String label)
    {
        final MatcherDriver driver = new MatcherDriver(tape).prepare();
        final long startCpuNs = THREADS.getCurrentThreadCpuTime();
        final long startNs = System.nanoTime();
        driver.applyRange(tape.fillEnd(), tape.count());
        final long elapsedNs = System.nanoTime() - startNs;
        final long cpuNs = THREADS.getCurrentThreadCpuTime() - startCpuNs;
        final double rate = tape.timedCount() * 1e9 / elapsedNs;
        final boolean ok = driver.trades() == tape.expectTradesTimed() && driver.rejects() == 0;
        // per CPU-second of this thread as well: time another process held the core is not counted,
        // so on a loaded machine an A/B can compare this (bin/bench-support/ab.sh prints both)
        System.out.printf(Locale.ROOT, "MATCHER run=%s commands=%d seconds=%.3f ops_per_sec=%.0f ops_per_cpu_sec=%.0f "
                + "trades=%d expected_trades=%d rejects=%d events_per_cmd=%.2f event_bytes_per_cmd=%.0f%s%n",
            label, tape.timedCount(), elapsedNs / 1e9, rate, tape.timedCount() * 1e9 / cpuNs, driver.trades(),
            tape.expectTradesTimed(),
            driver.rejects(), driver.events() / (double)tape.timedCount(),
            driver.eventBytes() / (double)tape.timedCount(), ok ? "" : " MISMATCH " + driver.rejectSummary());
        return ok ? rate : -rate;
    }

    public static Result run(final CommandTape tape, final int runs)
    {
        final int warmups = warmupsFor(tape.timedCount());
        final double[] opsPerSec = new double[runs];
        long trades = 0;
        long rejects = 0;
        String summary = "{}";
        boolean ok = true;
        for (int run = -warmups; run < runs; run++)
        {
            final MatcherDriver driver = new MatcherDriver(tape).prepare();
            final long startNs = System.nanoTime();
            driver.applyRange(tape.fillEnd(), tape.count());
            final long elapsedNs = System.nanoTime() - startNs;
            final double rate = tape.timedCount() * 1e9 / elapsedNs;
            if (run >= 0)
            {
                opsPerSec[run] = rate;
            }
            trades = driver.trades();
            rejects = driver.rejects();
            summary = driver.rejectSummary();
            final boolean runOk = trades == tape.expectTradesTimed() && rejects == 0;
            ok &= runOk;
            System.out.printf(Locale.ROOT, "MATCHER run=%s commands=%d seconds=%.3f ops_per_sec=%.0f trades=%d "
                    + "expected_trades=%d rejects=%d events_per_cmd=%.2f event_bytes_per_cmd=%.0f%s%n",
                run < 0 ? "warmup" : Integer.toString(run + 1), tape.timedCount(), elapsedNs / 1e9, rate, trades,
                tape.expectTradesTimed(), rejects, driver.events() / (double)tape.timedCount(),
                driver.eventBytes() / (double)tape.timedCount(),
                runOk ? "" : " MISMATCH " + summary);
        }
        return new Result("databourse-matcher", opsPerSec, trades, tape.expectTradesTimed(), rejects, summary, ok);
    }
}
