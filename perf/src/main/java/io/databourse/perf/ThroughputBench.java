package io.databourse.perf;

import io.databourse.perf.engine.CommandTape;
import io.databourse.perf.engine.MatcherDriver;

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
     * Warm-up runs (printed, not counted: 3 for short tapes so that C2 has compiled the hot path, 1
     * for tapes of 1M commands or more), then {@code runs} measured runs; the figure is their median.
     */
    public static int warmupsFor(final int timedCommands)
    {
        return timedCommands < 1_000_000 ? 3 : 1;
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
                    + "expected_trades=%d rejects=%d%s%n",
                run < 0 ? "warmup" : Integer.toString(run + 1), tape.timedCount(), elapsedNs / 1e9, rate, trades,
                tape.expectTradesTimed(), rejects,
                runOk ? "" : " MISMATCH " + summary);
        }
        return new Result("databourse-matcher", opsPerSec, trades, tape.expectTradesTimed(), rejects, summary, ok);
    }
}
