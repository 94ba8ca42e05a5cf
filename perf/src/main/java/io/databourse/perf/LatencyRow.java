package io.databourse.perf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One offered rate of an open-loop latency run, in µs ({@link LatencyBench.Result} summarised). */
record LatencyRow(
    long ratePerSec, long achievedPerSec, long count, double p50Us, double p99Us, double p99_9Us, double p99_99Us,
    double maxUs, double stalledPercent)
{
    static LatencyRow of(final LatencyBench.Result r)
    {
        return new LatencyRow(r.ratePerSec(), Math.round(r.achievedOpsPerSec()), r.histogram().getTotalCount(),
            round2(r.percentileUs(50)), round2(r.percentileUs(99)), round2(r.percentileUs(99.9)),
            round2(r.percentileUs(99.99)), round2(r.maxUs()),
            Double.isNaN(r.stalledFraction()) ? Double.NaN : round2(100 * r.stalledFraction()));
    }

    static List<LatencyRow> of(final List<LatencyBench.Result> results)
    {
        return results.stream().map(LatencyRow::of).toList();
    }

    /** The row at {@code rate}, or null. */
    static LatencyRow at(final List<LatencyRow> rows, final long rate)
    {
        for (final LatencyRow row : rows)
        {
            if (row.ratePerSec() == rate)
            {
                return row;
            }
        }
        return null;
    }

    Map<String, Object> toJson()
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("rate_per_sec", ratePerSec);
        row.put("achieved_per_sec", achievedPerSec);
        row.put("count", count);
        row.put("p50_us", p50Us);
        row.put("p99_us", p99Us);
        row.put("p99_9_us", p99_9Us);
        row.put("p99_99_us", p99_99Us);
        row.put("max_us", maxUs);
        if (!Double.isNaN(stalledPercent))
        {
            // the machine's stalls during this very schedule: a p99 is out of reach once they pass 1 %
            row.put("stalled_percent", stalledPercent);
        }
        return row;
    }

    static List<Object> toJson(final List<LatencyRow> rows)
    {
        return rows.stream().map(r -> (Object)r.toJson()).toList();
    }

    /** A row of the README's latency table. */
    void appendMarkdown(final StringBuilder sb, final String engine)
    {
        sb.append("| ").append(ratePerSec).append(" | ").append(engine).append(" | ").append(achievedPerSec)
            .append(" | ").append(p50Us).append(" | ").append(p99Us).append(" | ").append(p99_9Us).append(" | ")
            .append(p99_99Us).append(" | ").append(maxUs).append(" |\n");
    }

    private static double round2(final double v)
    {
        return Math.round(v * 100) / 100.0;
    }
}
