package io.databourse.perf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One workload's throughput: our matcher's runs and, when it ran, exchange-core's on the same
 * commands, interleaved round by round ({@code Bench throughput}).
 *
 * @param peer null when exchange-core did not run ({@code --no-peer})
 */
record ThroughputRow(
    String workload, long timedCommands, long matcherOpsPerSec, long matcherOpsPerSecBest, double[] matcherOpsPerSecRuns,
    boolean matcherCheckOk, long tradesExpected, int interleavedRounds, Peer peer)
{
    /** exchange-core's figures and the ratios to ours. */
    record Peer(
        long opsPerSec, long opsPerSecBest, double ratioBestVsBest, String waitStrategy, boolean checkOk,
        double ratio, double[] ratioRounds, double ratioMedianOfRounds)
    {
    }

    boolean checksOk()
    {
        return matcherCheckOk && (null == peer || peer.checkOk());
    }

    /** As written to the results (the keys docs/perf.md and the README's table read). */
    Map<String, Object> toJson()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", workload);
        m.put("timed_commands", timedCommands);
        m.put("matcher_ops_per_sec", matcherOpsPerSec);
        m.put("matcher_ops_per_sec_best", matcherOpsPerSecBest);
        m.put("matcher_ops_per_sec_runs", matcherOpsPerSecRuns);
        m.put("matcher_check_ok", matcherCheckOk);
        m.put("trades_expected", tradesExpected);
        m.put("interleaved_rounds", interleavedRounds);
        if (null != peer)
        {
            m.put("exchange_core_ops_per_sec", peer.opsPerSec());
            m.put("exchange_core_ops_per_sec_best", peer.opsPerSecBest());
            m.put("ratio_best_vs_best", peer.ratioBestVsBest());
            m.put("exchange_core_wait_strategy", peer.waitStrategy());
            m.put("exchange_core_check_ok", peer.checkOk());
            m.put("ratio_vs_exchange_core", peer.ratio());
            m.put("ratio_rounds", peer.ratioRounds());
            m.put("ratio_median_of_rounds", peer.ratioMedianOfRounds());
        }
        return m;
    }

    @Override
    public String toString()
    {
        return workload + " " + matcherOpsPerSec + " ops/s " + Arrays.toString(matcherOpsPerSecRuns) +
            (null == peer ? "" : ", exchange-core " + peer.opsPerSec() + ", ratio " + peer.ratio());
    }
}
