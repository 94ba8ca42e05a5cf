package io.databourse.perf.gateway;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.databourse.journal.idle.IdleStrategies;
import io.databourse.perf.Json;
import io.databourse.perf.gateway.GatewayRoundTripBench.Server;
import io.databourse.perf.gateway.RoundTripClient.RunResult;

/**
 * gateway.json: every server's rates and headline figures, the goals, and how the run was made.
 * For the suite's older keys, {@code max_sustained_rate_per_s}, {@code max_kept_up_rate_per_s} and
 * {@code rates} at the top level are the full path's (or the only server's).
 */
public final class RoundTripJson
{
    private RoundTripJson()
    {
    }

    static String write(
        final List<Server> servers, final Map<String, Object> goals, final boolean quick, final double seconds,
        final double warmupSeconds, final long warmupRate, final double p99MaxUs, final String[] args)
    {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("bench", "gateway_round_trip");
        root.put("what", "NewOrderSingle in -> first ExecutionReport out, loopback TCP, the same open-loop client " +
            "(latency from planned send times) for every server, each server in a JVM of its own");
        root.put("workload", "P1 IOC limit buy 1 DATA.TRAFFIC.API @ 12.00, answered by every server as an exchange with " +
            "nothing to match answers it: ExecutionReport new, then canceled (ioc_remainder); latency to the first");
        root.put("command", "GatewayRoundTripBench " + String.join(" ", args));
        root.put("quick", quick);
        root.put("seconds_per_rate", seconds);
        root.put("warmup", warmupSeconds + " s at " + warmupRate + " orders/s per server");
        root.put("sustained_means", "all answered, no rejects, achieved >= 95% of target, p99 <= " + (long)p99MaxUs + " us");
        root.put("p99_max_us", p99MaxUs);
        final Server headline = servers.stream().filter(s -> GatewayRoundTripBench.FULL_PATH.equals(s.name)).findFirst()
            .orElse(servers.get(servers.size() - 1));
        root.put("max_sustained_rate_per_s", headline.maxSustained());
        root.put("max_kept_up_rate_per_s", headline.maxKeptUp());
        final Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("idle_strategy", System.getProperty(IdleStrategies.PROP, IdleStrategies.DEFAULT));
        machine.put("load_average_at_end",
            Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
        root.put("machine", machine);
        root.put("goals", goals);
        final Map<String, Object> byName = new LinkedHashMap<>();
        for (final Server s : servers)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", s.kind);
            m.put("args", s.args);
            m.put("ready_line", null == s.process ? null : s.process.readyLine());
            m.put("max_sustained_rate_per_s", s.maxSustained());
            m.put("max_kept_up_rate_per_s", s.maxKeptUp());
            m.put("warmup", null == s.warmup ? null : row(s.warmup));
            m.put("rates", rows(s.results, s.costs, s.clientCosts));
            byName.put(s.name, m);
        }
        root.put("servers", byName);
        root.put("rates", rows(headline.results, headline.costs, headline.clientCosts));
        return Json.write(root);
    }

    private static List<Object> rows(
        final List<RunResult> results, final List<ProcessCost> costs, final List<ProcessCost> clientCosts)
    {
        final List<Object> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++)
        {
            final RunResult r = results.get(i);
            final Map<String, Object> row = row(r);
            final ProcessCost cost = i < costs.size() ? costs.get(i) : null;
            if (null != cost && r.orders() > 0)
            {
                // the server process's spending during the run: robust to other work where latency is not
                row.put("server_cpu_ms", Math.round(cost.cpuMs()));
                row.put("server_cpu_us_per_order", round1(cost.cpuMs() * 1000 / r.orders()));
                row.put("server_wakeups_per_order", Math.round(100.0 * cost.voluntarySwitches() / r.orders()) / 100.0);
                row.put("server_preemptions_per_order", Math.round(100.0 * cost.involuntarySwitches() / r.orders()) / 100.0);
                // the time its threads were ready but waited for a CPU, summed over them, during the run
                row.put("server_run_queue_wait_ms", Math.round(cost.runQueueWaitNs() / 1e6));
                row.put("server_threads", cost.threads());
            }
            final ProcessCost client = i < clientCosts.size() ? clientCosts.get(i) : null;
            if (null != client && r.orders() > 0)
            {
                // the client's threads too: a receiver waiting for a CPU adds to every latency it reads
                row.put("client_run_queue_wait_ms", Math.round(client.runQueueWaitNs() / 1e6));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> row(final RunResult r)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_per_s", r.targetPerS());
        m.put("achieved_per_s", Math.round(r.achievedPerS()));
        m.put("orders", r.orders());
        m.put("answered", r.answered());
        m.put("reports", r.reports());
        m.put("rejects", r.rejects());
        m.put("p50_us", round1(r.us(50)));
        m.put("p90_us", round1(r.us(90)));
        m.put("p99_us", round1(r.us(99)));
        m.put("p99_9_us", round1(r.us(99.9)));
        m.put("max_us", round1(r.histogram().getMaxValue() / 1000.0));
        m.put("kept_up", r.keptUp());
        m.put("sustained", r.sustained());
        m.put("failure", r.failure());
        // the machine's 1-minute load average as the run ended: other work shows in the tails
        m.put("load_average", Math.round(r.loadAverage() * 100) / 100.0);
        return m;
    }

    private static double round1(final double v)
    {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * The round trip's part of latest.md, from gateway.json as read back: one row per rate, p50 /
     * p99 / p99.9 of each server side by side, then each server's maximum sustained rate and the goals.
     */
    @SuppressWarnings("unchecked")
    public static String markdown(final Map<String, Object> gateway)
    {
        if (!(gateway.get("servers") instanceof Map<?, ?> servers) || servers.isEmpty())
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder();
        sb.append("\nFIX round trip (NewOrderSingle in, first ExecutionReport out, loopback TCP, the same open-loop ")
            .append("client for each server, each in its own JVM; ").append(gateway.get("sustained_means"))
            .append("): p50 / p99 / p99.9 in µs\n\n| orders/s |");
        final java.util.TreeSet<Long> rates = new java.util.TreeSet<>();
        for (final Object name : servers.keySet())
        {
            sb.append(' ').append(name).append(" |");
            for (final Object row : (List<Object>)((Map<String, Object>)servers.get(name)).get("rates"))
            {
                rates.add(((Number)((Map<String, Object>)row).get("target_per_s")).longValue());
            }
        }
        sb.append("\n|---|").append("---|".repeat(servers.size())).append('\n');
        for (final long rate : rates)
        {
            sb.append("| ").append(rate).append(" |");
            for (final Object name : servers.keySet())
            {
                final Map<String, Object> row = rowAt((Map<String, Object>)servers.get(name), rate);
                sb.append(' ');
                if (null == row)
                {
                    sb.append("(not run)");
                }
                else
                {
                    sb.append(row.get("p50_us")).append(" / ").append(row.get("p99_us")).append(" / ")
                        .append(row.get("p99_9_us"));
                    if (!Boolean.TRUE.equals(row.get("kept_up")))
                    {
                        sb.append(" (not kept up").append(null == row.get("failure") ? "" : ": " + row.get("failure"))
                            .append(')');
                    }
                }
                sb.append(" |");
            }
            sb.append('\n');
        }
        sb.append("| max sustained |");
        for (final Object name : servers.keySet())
        {
            sb.append(' ').append(((Map<String, Object>)servers.get(name)).get("max_sustained_rate_per_s")).append(" |");
        }
        sb.append('\n');
        if (gateway.get("goals") instanceof Map<?, ?> goals)
        {
            for (final Map.Entry<?, ?> goal : goals.entrySet())
            {
                sb.append("\n- ").append(goal.getKey()).append(": ").append(goal.getValue());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rowAt(final Map<String, Object> server, final long rate)
    {
        for (final Object row : (List<Object>)server.get("rates"))
        {
            final Map<String, Object> r = (Map<String, Object>)row;
            if (((Number)r.get("target_per_s")).longValue() == rate)
            {
                return r;
            }
        }
        return null;
    }
}
