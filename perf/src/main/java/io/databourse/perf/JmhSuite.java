package io.databourse.perf;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs the JMH benchmarks of io.databourse.perf.jmh with the GC profiler and collects ns/op and B/op. */
final class JmhSuite
{
    private JmhSuite()
    {
    }

    record Row(String benchmark, double nsPerOp, double allocBytesPerOp)
    {
    }

    static List<Row> run(final boolean quick, final String include) throws RunnerException
    {
        // The forked JVMs need the same module flags as this one (Agrona, Chronicle).
        final List<String> jvmArgs = new ArrayList<>();
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native-access") || arg.startsWith("-Dchronicle")
                || arg.startsWith("--sun-misc"))
            {
                jvmArgs.add(arg);
            }
        }
        jvmArgs.add("-Xmx1g");
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(include)
            .addProfiler(GCProfiler.class)
            .forks(1)
            .warmupIterations(quick ? 2 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .jvmArgs(jvmArgs.toArray(new String[0]));
        final Collection<RunResult> results = new Runner(options.build()).run();
        final List<Row> rows = new ArrayList<>();
        for (final RunResult r : results)
        {
            final String name = r.getParams().getBenchmark().replace("io.databourse.perf.jmh.", "");
            @SuppressWarnings("rawtypes") // JMH's own signature is raw
            final Map<String, Result> secondary = r.getSecondaryResults();
            double alloc = Double.NaN;
            for (@SuppressWarnings("rawtypes") final Map.Entry<String, Result> e : secondary.entrySet())
            {
                if (e.getKey().endsWith("gc.alloc.rate.norm"))
                {
                    alloc = e.getValue().getScore();
                }
            }
            rows.add(new Row(name, r.getPrimaryResult().getScore(), alloc));
            System.out.printf(Locale.ROOT, "JMH %s ns_per_op=%.1f alloc_bytes_per_op=%.3f%n",
                name, r.getPrimaryResult().getScore(), alloc);
        }
        return rows;
    }

    static Map<String, Object> toJson(final List<Row> rows)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (final Row row : rows)
        {
            final Map<String, Object> v = new LinkedHashMap<>();
            v.put("ns_per_op", row.nsPerOp());
            v.put("alloc_bytes_per_op", row.allocBytesPerOp());
            m.put(row.benchmark(), v);
        }
        return m;
    }
}
