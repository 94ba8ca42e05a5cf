package io.databourse.perf;

import io.databourse.perf.engine.CommandTape;
import io.databourse.perf.workload.Workload;
import io.databourse.perf.workload.WorkloadGenerator;
import io.databourse.perf.workload.WorkloadSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench driver: one command for every figure of issue 5.
 * <pre>
 *   generate   --workload NAME                      write perf/target/workloads/NAME.csv
 *   throughput --workload NAME [--runs N]           exchange-core (own JVM) then our matcher, same CSV, ratio
 *   latency    --workload NAME [--rates a,b,c]      open-loop HdrHistogram of the matcher alone, to latency.json
 *              [--latency-cpu N]                    ... measured on CPU N (bin/bench-support/isolated-latency.sh)
 *   footprint  [--footprint-workload deep-book]     bytes per resting order at 1M orders
 *   pipeline   --workload NAME [--runs N]           journaled pipeline (EmbeddedExchange) throughput
 *   pipeline-latency [--pipeline-rates a,b]         open-loop HdrHistogram through the journaled pipeline
 *   sequencer  --workload NAME [--runs N]           matcher + Chronicle journal on one thread, batched and not
 *   stalls     [--seconds S]                        this machine alone: a spinning thread's stalls, a clock read's cost
 *   jmh        [--quick] [--include REGEX]          JMH with -prof gc
 *   recovery   [--quick] [--commands N --tail N --resting N]  recovery from the start vs a snapshot + tail,
 *                                                   audit verify speed, snapshot size and write time at N
 *                                                   resting orders (RecoveryBench; 10M/100k/1M, quick 1M/100k/200k)
 *   all        [--quick]                            everything above, the gateway round trip and settlement benches
 *                                                   (GatewayRoundTripBench: Artio, our gateway, the full path; SettlementBench),
 *                                                   then latest.json + PNG
 * common: --workloads-dir DIR  --results-dir DIR  --peer-jar JAR  --peer-wait YIELDING  --no-peer  --no-jmh
 *         --artio-jar JAR (the round trip's Artio peer, default perf-artio/target/perf-artio.jar)
 *         --no-gateway  --no-settlement  --no-cluster (all: skip the gateway round trip / settlement / cluster
 *         benches, each in its own JVM; the cluster bench: io.databourse.perf.cluster.ClusterBench)
 *         --pipeline-idle yield|backoff|busy|sleep  --pipeline-driver-idle backoff|yield|busy|sleep
 *         --pipeline-cpus none|MATCHER,BENCH  --runs N  --rates a,b  --latency-seconds S
 * </pre>
 * Run from the repository root: {@code java <flags> -jar perf/target/perf-benchmarks.jar all --quick}.
 */
public final class Bench
{
    private static final String GENERATOR_VERSION = "1";
    /** The gateway and settlement benches each take under a minute quick, about three minutes full, here. */
    private static final long CHILD_TIMEOUT_S = 900;

    private final Map<String, String> opts = new LinkedHashMap<>();
    private final boolean quick;
    private final String commandLine;

    private Bench(final String[] args, final int from)
    {
        commandLine = "java <flags> -jar perf/target/perf-benchmarks.jar " + String.join(" ", args);
        for (int i = from; i < args.length; i++)
        {
            final String a = args[i];
            if (!a.startsWith("--"))
            {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            final boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(a.substring(2), flag ? "true" : args[++i]);
        }
        quick = opts.containsKey("quick");
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length == 0)
        {
            System.out.println("usage: Bench generate|throughput|latency|footprint|pipeline|pipeline-latency|sequencer|stalls|jmh|recovery|all [options]; see docs/perf.md");
            System.exit(2);
        }
        final Bench bench = new Bench(args, 1);
        Machine.warnIfCoresShort(4);
        // The matcher agent takes its idle strategy from this property; yield suits its busy thread
        // beside the bench thread on two cores. The media driver, which over IPC only advances
        // publication limits, backs off (parks up to 1 ms) so that it does not take a core's share.
        System.setProperty(io.databourse.journal.idle.IdleStrategies.PROP, bench.opt("pipeline-idle", "yield"));
        System.setProperty(io.databourse.journal.idle.IdleStrategies.DRIVER_PROP, bench.opt("pipeline-driver-idle", "backoff"));
        switch (args[0])
        {
            case "generate" -> bench.csvFor(bench.opt("workload", "exchange-core-quick"));
            case "throughput" -> bench.throughput(bench.opt("workload", "exchange-core-quick"), new LinkedHashMap<>());
            case "latency" -> bench.latencyAlone();
            case "footprint" -> bench.footprint(new LinkedHashMap<>());
            case "pipeline" -> PipelineBench.run(bench.tapeFor(bench.csvFor(bench.opt("workload", "exchange-core-quick"))),
                bench.runs(), bench.pinning());
            case "pipeline-latency" -> bench.pipelineLatency(new LinkedHashMap<>());
            case "sequencer" -> bench.sequencer(new LinkedHashMap<>());
            case "stalls" ->
            {
                bench.pinLatencyThread();
                LatencyBench.clockReadNs();
                LatencyBench.stallCensus(Double.parseDouble(bench.opt("seconds", "10")), STALL_THRESHOLD_NS);
            }
            case "jmh" -> JmhSuite.run(bench.quick, bench.opt("include", "io.databourse.perf.jmh.*"));
            case "recovery" -> RecoveryBench.run(Path.of(bench.opt("scratch", "perf/target/recovery")),
                Long.parseLong(bench.opt("commands", bench.quick ? "1000000" : "10000000")),
                Long.parseLong(bench.opt("tail", "100000")),
                Integer.parseInt(bench.opt("resting", bench.quick ? "200000" : "1000000")));
            case "all" -> bench.all();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.exit(0);
    }

    private String opt(final String key, final String dflt)
    {
        return opts.getOrDefault(key, dflt);
    }

    private int runs()
    {
        // Quick tapes run for a fraction of a second, so take more rounds of them.
        return Integer.parseInt(opt("runs", quick ? "7" : "5"));
    }

    /** The workload's CSV, generated when missing or made by another generator version. */
    Path csvFor(final String name) throws IOException
    {
        final Path dir = Path.of(opt("workloads-dir", "perf/target/workloads"));
        final Path csv = dir.resolve(name + ".csv");
        if (Files.isRegularFile(csv) && firstLine(csv).contains(" generator=" + GENERATOR_VERSION + " "))
        {
            System.out.println("WORKLOAD " + name + " reused " + csv);
            return csv;
        }
        final long startNs = System.nanoTime();
        final Workload w = WorkloadGenerator.generate(WorkloadSpec.named(name));
        w.meta.put("generator", GENERATOR_VERSION);
        w.writeCsv(csv);
        System.out.printf(Locale.ROOT, "WORKLOAD %s generated %d rows in %.1f s -> %s%n", name, w.count(),
            (System.nanoTime() - startNs) / 1e9, csv);
        return csv;
    }

    private static String firstLine(final Path p) throws IOException
    {
        try (var in = Files.newBufferedReader(p, StandardCharsets.US_ASCII))
        {
            final String line = in.readLine();
            return null == line ? "" : line + " ";
        }
    }

    private CommandTape tapeFor(final Path csv) throws IOException
    {
        final long startNs = System.nanoTime();
        final CommandTape tape = CommandTape.encode(Workload.readCsv(csv));
        System.out.printf(Locale.ROOT, "TAPE %s encoded in %.1f s%n", tape, (System.nanoTime() - startNs) / 1e9);
        return tape;
    }

    /**
     * Peer and matcher on the same CSV, never at the same time (2 cores) but interleaved run by run:
     * both warm up (~3M commands each), then round r runs exchange-core once, then our matcher once,
     * so that a change of machine load between rounds hits both engines alike. Figures are medians.
     */
    private ThroughputRow throughput(final String workload, final Map<String, Object> out) throws Exception
    {
        final Path csv = csvFor(workload);
        final int runs = runs();
        final CommandTape tape = tapeFor(csv);
        final int warmups = ThroughputBench.warmupsFor(tape.timedCount());
        PeerLauncher.PeerResult peer = null;
        final double[] ourRates = new double[runs];
        final double[] roundRatios = new double[runs];
        boolean ourOk = true;
        if (opts.containsKey("no-peer"))
        {
            ThroughputBench.warmUp(tape);
            for (int r = 0; r < runs; r++)
            {
                ourRates[r] = ThroughputBench.runOnce(tape, Integer.toString(r + 1));
            }
        }
        else
        {
            try (PeerLauncher.Session session = new PeerLauncher.Session(
                Path.of(opt("peer-jar", "perf-peer/target/perf-peer.jar")), csv, warmups, opt("peer-wait", "YIELDING"),
                opt("peer-heap", "3g")))
            {
                ThroughputBench.warmUp(tape);
                for (int r = 0; r < runs; r++)
                {
                    final double peerRate = session.runOnce();
                    ourRates[r] = ThroughputBench.runOnce(tape, Integer.toString(r + 1));
                    roundRatios[r] = round2(Math.abs(ourRates[r]) / peerRate);
                    System.out.printf(Locale.ROOT, "ROUND %d workload=%s matcher=%.0f exchange_core=%.0f ratio=%.2f%n",
                        r + 1, workload, Math.abs(ourRates[r]), peerRate, Math.abs(ourRates[r]) / peerRate);
                }
                peer = session.finish();
            }
        }
        for (int r = 0; r < runs; r++)
        {
            ourOk &= ourRates[r] > 0;
            ourRates[r] = Math.abs(ourRates[r]);
        }
        final ThroughputBench.Result ours = new ThroughputBench.Result("databourse-matcher", ourRates, -1,
            tape.expectTradesTimed(), 0, "", ourOk);
        ThroughputRow.Peer peerFigures = null;
        if (null != peer)
        {
            final double[] sortedRatios = roundRatios.clone();
            java.util.Arrays.sort(sortedRatios);
            peerFigures = new ThroughputRow.Peer(Math.round(peer.opsPerSecMedian()), Math.round(peer.opsPerSecBest()),
                round2(ours.best() / peer.opsPerSecBest()), peer.waitStrategy(), peer.checkOk(),
                round2(ours.median() / peer.opsPerSecMedian()), roundRatios, sortedRatios[sortedRatios.length / 2]);
        }
        final ThroughputRow row = new ThroughputRow(workload, tape.timedCount(), Math.round(ours.median()),
            Math.round(ours.best()), ours.opsPerSec(), ours.checkOk(), tape.expectTradesTimed(), runs, peerFigures);
        System.out.printf(Locale.ROOT, "THROUGHPUT workload=%s matcher=%.0f exchange_core=%s ratio=%s checks=%s%n",
            workload, ours.median(), null == peer ? "n/a" : String.format(Locale.ROOT, "%.0f", peer.opsPerSecMedian()),
            null == peerFigures ? "n/a" : peerFigures.ratio(), row.checksOk() ? "ok" : "FAILED");
        out.put(workload, row.toJson());
        return row;
    }

    /** Pipeline thread placement: {@code --pipeline-cpus none|MATCHER,BENCH}, by default pinned apart. */
    PipelineBench.Pinning pinning()
    {
        return PipelineBench.Pinning.parse(opt("pipeline-cpus", null));
    }

    /** A spinning thread's gap between clock reads longer than this counts as a stall. */
    private static final long STALL_THRESHOLD_NS = LatencyBench.STALL_THRESHOLD_NS;

    /** The matcher's latencies at each offered rate, and the machine's floor (the same schedule, no engine). */
    record LatencyRuns(List<LatencyBench.Result> engine, List<LatencyBench.Result> floor)
    {
    }

    private LatencyRuns latency(final Map<String, Object> out) throws IOException
    {
        final String workload = opt("latency-workload", opt("workload", "exchange-core-quick"));
        final CommandTape tape = tapeFor(csvFor(workload));
        final long[] rates = Arrays.stream(opt("rates", quick ? "100000,500000,1000000,2000000"
            : "100000,500000,1000000,2000000,3000000,5000000").split(",")).mapToLong(Long::parseLong).toArray();
        final double seconds = Double.parseDouble(opt("latency-seconds", quick ? "2" : "10"));
        final java.util.BitSet unpinned = io.databourse.exchange.CpuPinning.currentCpus();
        final int latencyCpu = pinLatencyThread();
        try
        {
            return latency(out, workload, tape, rates, seconds, latencyCpu);
        }
        finally
        {
            io.databourse.exchange.CpuPinning.restore(unpinned);
        }
    }

    /** The {@code latency} subcommand: the matcher-alone section of the suite, written to latency.json and a PNG. */
    private void latencyAlone() throws IOException
    {
        final Map<String, Object> results = new LinkedHashMap<>();
        results.put("generated_at", Instant.now().toString());
        results.put("mode", quick ? "quick" : "full");
        results.put("command", commandLine);
        results.put("machine", Machine.describe());
        final Map<String, Object> latency = new LinkedHashMap<>();
        final List<LatencyBench.Result> measured = latency(latency).engine();
        results.put("matcher_p99_us_at_1m", p99At(measured, 1_000_000));
        results.put("latency", latency);
        final Path dir = Path.of(opt("results-dir", "perf/results"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("latency.json"), Json.write(results));
        System.out.println("RESULTS " + dir.resolve("latency.json"));
    }

    /**
     * {@code --latency-cpu N}: pins the measuring thread to CPU N, for runs on a CPU that nothing
     * else uses ({@code bin/bench-support/isolated-latency.sh} moves every other thread and interrupt
     * off it first). Returns N, or -1 when not asked; fails when asked and the pinning did not take.
     */
    private int pinLatencyThread()
    {
        final String cpu = opt("latency-cpu", null);
        if (null == cpu)
        {
            return -1;
        }
        final int n = Integer.parseInt(cpu);
        if (!io.databourse.exchange.CpuPinning.pinCurrentThread(n))
        {
            throw new IllegalStateException("could not pin the measuring thread to CPU " + n);
        }
        System.out.println("LATENCY measuring thread pinned to CPU " + n);
        return n;
    }

    private LatencyRuns latency(
        final Map<String, Object> out, final String workload, final CommandTape tape, final long[] rates,
        final double seconds, final int latencyCpu) throws IOException
    {
        LatencyBench.warmUp(tape, quick ? 3 : 5);
        final List<LatencyBench.Result> results = new ArrayList<>();
        final List<LatencyBench.Result> floors = new ArrayList<>();
        for (final long rate : rates)
        {
            results.add(LatencyBench.measure(tape, rate, seconds));
            // the same schedule with no engine, straight after: what the machine alone does to the tail
            floors.add(LatencyBench.measureFloor(rate, seconds));
        }
        final org.HdrHistogram.Histogram service = LatencyBench.serviceTime(tape, quick ? 3 : 1);
        final LatencyBench.StallCensus stalls = LatencyBench.stallCensus(seconds, STALL_THRESHOLD_NS);
        final double clockReadNs = LatencyBench.clockReadNs();
        final List<Object> rows = LatencyRow.toJson(LatencyRow.of(results));
        out.put("workload", workload);
        out.put("seconds_per_rate", seconds);
        out.put("measuring_cpu", latencyCpu < 0 ? "any" : "pinned to CPU " + latencyCpu);
        out.put("rates", rows);
        out.put("machine_floor_rates", LatencyRow.toJson(LatencyRow.of(floors)));
        final Map<String, Object> serviceNs = new LinkedHashMap<>();
        serviceNs.put("commands", service.getTotalCount());
        for (final double pct : new double[] {50, 99, 99.9, 99.99})
        {
            serviceNs.put("p" + (pct == Math.rint(pct) ? String.valueOf((int)pct) : String.valueOf(pct).replace('.', '_')),
                service.getValueAtPercentile(pct));
        }
        serviceNs.put("max", service.getMaxValue());
        out.put("service_time_ns", serviceNs);
        final Map<String, Object> census = new LinkedHashMap<>();
        census.put("seconds", seconds);
        census.put("threshold_us", STALL_THRESHOLD_NS / 1000.0);
        census.put("stalls_per_sec", Math.round(stalls.stallsPerSec()));
        census.put("mean_stall_us", round2(stalls.stalls() == 0 ? 0 : stalls.stalledNs() / 1e3 / stalls.stalls()));
        census.put("longest_stall_us", round2(stalls.longestNs() / 1e3));
        census.put("stalled_percent", round2(100 * stalls.stalledFraction()));
        out.put("spinning_thread_stalls", census);
        out.put("clock_read_ns", round2(clockReadNs));
        final Path png = Path.of(opt("results-dir", "perf/results")).resolve("latency-percentiles.png");
        final List<LatencyBench.Result> plotted = new ArrayList<>(results);
        for (final LatencyBench.Result floor : floors)
        {
            if (floor.ratePerSec() == 1_000_000)
            {
                plotted.add(floor);
            }
        }
        PercentilePlot.write(png, "DataBourse matcher alone, open loop, " + workload, plotted);
        System.out.println("PLOT " + png);
        return new LatencyRuns(results, floors);
    }

    /** Matcher + journal on one thread: commands a second unbatched and batched, bytes a command. */
    record SequencerFigures(
        String workload, long unbatchedOpsPerSec, long batchedOpsPerSec, double recordBytesPerCommand,
        double journalBytesPerCommand, boolean checkOk)
    {
    }

    /** Matcher + journal on one thread, one excerpt per command and batched per duty cycle. */
    private SequencerFigures sequencer(final Map<String, Object> out) throws IOException
    {
        final String workload = opt("workload", quick ? "exchange-core-quick" : "exchange-core");
        final CommandTape tape = tapeFor(csvFor(workload));
        final SequencerBench.Result unbatched = SequencerBench.run(tape, false, runs());
        final SequencerBench.Result batched = SequencerBench.run(tape, true, runs());
        out.put("workload", workload);
        out.put("unbatched_ops_per_sec", Math.round(unbatched.opsPerSec()));
        out.put("batched_ops_per_sec", Math.round(batched.opsPerSec()));
        out.put("record_bytes_per_command", round2(batched.recordBytesPerCommand()));
        out.put("journal_bytes_per_command", round2(batched.journalBytesPerCommand()));
        out.put("check_ok", unbatched.ok() && batched.ok());
        System.out.printf(Locale.ROOT, "SEQUENCER workload=%s unbatched=%.0f batched=%.0f record_bytes_per_cmd=%.1f "
                + "journal_bytes_per_cmd=%.1f%n", workload, unbatched.opsPerSec(), batched.opsPerSec(),
            batched.recordBytesPerCommand(), batched.journalBytesPerCommand());
        return new SequencerFigures(workload, Math.round(unbatched.opsPerSec()), Math.round(batched.opsPerSec()),
            round2(batched.recordBytesPerCommand()), round2(batched.journalBytesPerCommand()),
            unbatched.ok() && batched.ok());
    }

    /** The same rates through the journaled pipeline; empty when no pipeline is on the class path. */
    private List<LatencyBench.Result> pipelineLatency(final Map<String, Object> out) throws IOException
    {
        final String workload = opt("latency-workload", opt("workload", "exchange-core-quick"));
        final CommandTape tape = tapeFor(csvFor(workload));
        final long[] rates = Arrays.stream(opt("pipeline-rates", quick ? "100000,500000,1000000,2000000"
            : "100000,500000,1000000,2000000,3000000").split(",")).mapToLong(Long::parseLong).toArray();
        final double seconds = Double.parseDouble(opt("latency-seconds", quick ? "2" : "10"));
        final List<LatencyBench.Result> results = new ArrayList<>();
        for (final long rate : rates)
        {
            final LatencyBench.Result r = PipelineBench.latency(tape, rate, seconds, pinning());
            if (null == r)
            {
                return results;
            }
            results.add(r);
        }
        out.put("workload", workload);
        out.put("commands_per_rate_max", tape.timedCount());
        out.put("rates", LatencyRow.toJson(LatencyRow.of(results)));
        final Path png = Path.of(opt("results-dir", "perf/results")).resolve("latency-percentiles-pipeline.png");
        PercentilePlot.write(png, "DataBourse journaled pipeline, open loop, " + workload, results);
        System.out.println("PLOT " + png);
        return results;
    }

    private FootprintBench.Result footprint(final Map<String, Object> out) throws IOException
    {
        final String workload = opt("footprint-workload", "deep-book-quick");
        final FootprintBench.Result r = FootprintBench.measure(tapeFor(csvFor(workload)));
        out.put("workload", workload);
        out.put("resting_orders", r.liveOrders());
        out.put("retained_bytes", r.retainedBytes());
        out.put("bytes_per_resting_order", round2(r.bytesPerOrder()));
        return r;
    }

    private void all() throws Exception
    {
        final long startNs = System.nanoTime();
        final Map<String, Object> results = new LinkedHashMap<>();
        results.put("generated_at", Instant.now().toString());
        results.put("mode", quick ? "quick" : "full");
        results.put("command", commandLine);
        final Map<String, Object> machine = Machine.describe();
        results.put("machine", machine);
        results.put("pipeline_idle_strategy", opt("pipeline-idle", "yield"));
        results.put("pipeline_driver_idle_strategy", opt("pipeline-driver-idle", "backoff"));
        results.put("pipeline_cpus", pinning().toString());

        final String mainWorkload = quick ? "exchange-core-quick" : "exchange-core";
        final Map<String, Object> errors = new LinkedHashMap<>();
        final BenchChecks checks = new BenchChecks();
        final Map<String, Object> throughput = new LinkedHashMap<>();
        final List<ThroughputRow> throughputRows = new ArrayList<>();
        ThroughputRow main = null;
        for (final String w : quick ? List.of(mainWorkload, "multi-product-quick", "deep-book-quick")
            : List.of(mainWorkload, "multi-product", "deep-book"))
        {
            final ThroughputRow row = section(errors, "throughput " + w, () -> throughput(w, throughput));
            if (null != row)
            {
                throughputRows.add(row);
                checks.add("throughput " + w + ": matcher", row.matcherCheckOk());
                if (null != row.peer())
                {
                    checks.add("throughput " + w + ": exchange-core", row.peer().checkOk());
                }
                if (w.equals(mainWorkload))
                {
                    main = row;
                }
            }
        }

        final Map<String, Object> latency = new LinkedHashMap<>();
        final LatencyRuns latencyRuns = section(errors, "latency", () -> latency(latency));
        final List<LatencyBench.Result> latencies = null == latencyRuns ? List.of() : latencyRuns.engine();
        final List<LatencyBench.Result> floors = null == latencyRuns ? List.of() : latencyRuns.floor();
        final Map<String, Object> footprint = new LinkedHashMap<>();
        final FootprintBench.Result fp = section(errors, "footprint", () -> footprint(footprint));

        final ThroughputBench.Result pipeline = section(errors, "pipeline",
            () -> PipelineBench.run(tapeFor(csvFor(mainWorkload)), runs(), pinning()));
        final Double pipelineOps = null == pipeline ? null : (double)Math.round(pipeline.median());
        if (null != pipeline)
        {
            checks.add("pipeline", pipeline.checkOk());
        }
        final Map<String, Object> sequencer = new LinkedHashMap<>();
        final SequencerFigures sequencerFigures = section(errors, "sequencer", () -> sequencer(sequencer));
        if (null != sequencerFigures)
        {
            checks.add("sequencer", sequencerFigures.checkOk());
        }
        final Map<String, Object> pipelineLatency = new LinkedHashMap<>();
        final List<LatencyBench.Result> pipelineLatencies =
            orEmpty(section(errors, "pipeline latency", () -> pipelineLatency(pipelineLatency)));

        // The gateway and settlement benches start whole exchanges of their own: each in its own JVM.
        final Path dir = Path.of(opt("results-dir", "perf/results"));
        Files.createDirectories(dir);
        final List<String> childArgs = quick ? List.of("--quick") : List.of();
        final List<String> gatewayArgs = new ArrayList<>(childArgs);
        gatewayArgs.addAll(List.of("--artio-jar", opt("artio-jar", "perf-artio/target/perf-artio.jar")));
        final Map<String, Object> gateway = opts.containsKey("no-gateway") ? Map.of() : orEmpty(section(errors,
            "gateway round trip", () -> ChildBench.run("io.databourse.perf.gateway.GatewayRoundTripBench", gatewayArgs,
                dir.resolve("gateway.json"), CHILD_TIMEOUT_S)));
        final Map<String, Object> settlement = opts.containsKey("no-settlement") ? Map.of() : orEmpty(section(errors,
            "settlement", () -> ChildBench.run("io.databourse.perf.settlement.SettlementBench", childArgs,
                dir.resolve("settlement.json"), CHILD_TIMEOUT_S)));
        final Map<String, Object> cluster = opts.containsKey("no-cluster") ? Map.of() : orEmpty(section(errors,
            "cluster", () -> ChildBench.run("io.databourse.perf.cluster.ClusterBench", childArgs,
                dir.resolve("cluster.json"), CHILD_TIMEOUT_S)));

        checks.addFromResults("gateway_round_trip", gateway);
        checks.addFromResults("settlement", settlement);
        checks.addFromResults("cluster", cluster);

        Map<String, Object> jmh = Map.of();
        Double allocBytesPerOp = null;
        if (!opts.containsKey("no-jmh"))
        {
            final List<JmhSuite.Row> rows =
                orEmpty(section(errors, "jmh", () -> JmhSuite.run(quick, "io.databourse.perf.jmh.*")));
            jmh = JmhSuite.toJson(rows);
            double worst = Double.NaN;
            for (final JmhSuite.Row row : rows)
            {
                if (row.benchmark().startsWith("MatcherBenchmark"))
                {
                    worst = Double.isNaN(worst) ? row.allocBytesPerOp() : Math.max(worst, row.allocBytesPerOp());
                }
            }
            allocBytesPerOp = Double.isNaN(worst) ? null : round2(worst);
        }

        // The keys issue 5 names first, flat, then the detail.
        final Map<String, Object> flat = new LinkedHashMap<>();
        final ThroughputRow.Peer mainPeer = null == main ? null : main.peer();
        flat.put("workload", null == main ? null : main.workload());
        flat.put("matcher_ops_per_sec", null == main ? null : main.matcherOpsPerSec());
        flat.put("exchange_core_ops_per_sec", null == mainPeer ? null : mainPeer.opsPerSec());
        flat.put("ratio_vs_exchange_core", null == mainPeer ? null : mainPeer.ratio());
        flat.put("matcher_p99_us_at_1m", p99At(latencies, 1_000_000));
        flat.put("machine_floor_p99_us_at_1m", p99At(floors, 1_000_000));
        flat.put("alloc_bytes_per_op", allocBytesPerOp);
        flat.put("pipeline_ops_per_sec", pipelineOps);
        flat.put("bytes_per_resting_order", null == fp ? null : round2(fp.bytesPerOrder()));
        flat.put("pipeline_p99_us_at_1m", p99At(pipelineLatencies, 1_000_000));
        flat.put("journal_bytes_per_command", null == sequencerFigures ? null : sequencerFigures.journalBytesPerCommand());
        flat.put("gateway_max_sustained_orders_per_sec", gateway.get("max_sustained_rate_per_s"));
        flat.put("gateway_rtt_p50_us_at_10k", rowAt(gateway.get("rates"), "target_per_s", 10_000, "p50_us"));
        flat.put("gateway_rtt_p99_us_at_10k", rowAt(gateway.get("rates"), "target_per_s", 10_000, "p99_us"));
        // issue 20: the FIX round trip of (a) Artio, (b) our gateway before an echo executor, (c) the full path
        final Map<String, Object> sustained = new LinkedHashMap<>();
        if (gateway.get("servers") instanceof Map<?, ?> servers)
        {
            servers.forEach((name, server) -> sustained.put(String.valueOf(name),
                server instanceof Map<?, ?> s ? s.get("max_sustained_rate_per_s") : null));
        }
        flat.put("round_trip_max_sustained_orders_per_sec", sustained);
        flat.put("round_trip_goals", gateway.get("goals"));
        flat.put("settlement_records_per_sec", path(settlement, "batch", "best_records_per_s"));
        flat.put("settlement_lag_p99_us", path(settlement, "lag", "ledger_lag_us", "p99"));
        flat.put("cluster_committed_orders_per_sec", path(cluster, "cluster_3_members", "committed_orders_per_sec"));
        flat.put("single_process_committed_orders_per_sec", path(cluster, "single_process", "committed_orders_per_sec"));
        flat.put("cluster_p50_us_at_1k", rowAt(path(cluster, "cluster_3_members", "latency"), "rate_per_sec", 1_000, "p50_us"));
        flat.put("cluster_p99_us_at_1k", rowAt(path(cluster, "cluster_3_members", "latency"), "rate_per_sec", 1_000, "p99_us"));
        flat.putAll(results);
        flat.put("throughput", throughput);
        flat.put("latency_matcher_alone", latency);
        flat.put("footprint", footprint);
        final Map<String, Object> pipelineDetail = new LinkedHashMap<>();
        if (null != pipeline)
        {
            pipelineDetail.put("engine", pipeline.engine());
            pipelineDetail.put("ops_per_sec_runs", pipeline.opsPerSec());
            pipelineDetail.put("check_ok", pipeline.checkOk());
        }
        flat.put("pipeline", null == pipeline ? "not measured: no PipelineUnderTest.Factory on the class path" :
            pipelineDetail);
        flat.put("latency_pipeline", pipelineLatency);
        flat.put("sequencer_matcher_plus_journal", sequencer);
        flat.put("jmh", jmh);
        flat.put("gateway_round_trip", gateway);
        flat.put("settlement", settlement);
        flat.put("cluster", cluster);
        flat.put("targets", targets(flat));
        flat.put("checks", checks.toJson());
        flat.put("errors", errors);
        flat.put("elapsed_s", round2((System.nanoTime() - startNs) / 1e9));
        // Other work on the machine shows in the tails: say how busy it was when the run ended too.
        machine.put("load_average_at_end",
            Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
                / 100.0);

        final String json = Json.write(flat);
        Files.writeString(dir.resolve("latest.json"), json);
        Files.writeString(dir.resolve("latest.md"), markdown(flat, machine, throughputRows, latencies, floors,
            pipelineLatencies, sequencerFigures, gateway, settlement, cluster));
        System.out.println("RESULTS " + dir.resolve("latest.json") + " " + dir.resolve("latest.md"));
        System.out.print(json);
        // decided from the values measured (written above as "checks"), never from the JSON text
        final List<String> failed = checks.failed();
        if (!errors.isEmpty() || !failed.isEmpty())
        {
            System.out.println("BENCH FAILED: " + (errors.isEmpty() ? "checks failed: " + failed : errors +
                (failed.isEmpty() ? "" : "; checks failed: " + failed)));
            System.exit(1);
        }
    }

    interface Section<T>
    {
        T run() throws Exception;
    }

    /** Runs one part of the suite; a failure is recorded and printed, and the rest of the suite still runs. */
    private static <T> T section(final Map<String, Object> errors, final String name, final Section<T> section)
    {
        try
        {
            return section.run();
        }
        catch (final Exception | Error ex)
        {
            System.out.println("ERROR in " + name + ": " + ex);
            ex.printStackTrace(System.out);
            errors.put(name, String.valueOf(ex));
            return null;
        }
    }

    private static <T> List<T> orEmpty(final List<T> list)
    {
        return null == list ? List.of() : list;
    }

    private static Map<String, Object> orEmpty(final Map<String, Object> map)
    {
        return null == map ? Map.of() : map;
    }

    /** A value inside nested JSON objects (a child bench's results), or null where any step is missing. */
    private static Object path(final Map<String, Object> json, final String... keys)
    {
        Object node = json;
        for (final String key : keys)
        {
            if (!(node instanceof Map<?, ?> m))
            {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    /** The README's performance table, filled from this run. */
    private static String markdown(
        final Map<String, Object> flat, final Map<String, Object> machine, final List<ThroughputRow> throughput,
        final List<LatencyBench.Result> latencies, final List<LatencyBench.Result> floors,
        final List<LatencyBench.Result> pipelineLatencies, final SequencerFigures sequencer,
        final Map<String, Object> gateway, final Map<String, Object> settlement, final Map<String, Object> cluster)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("Machine: ").append(machine.get("cpu_model")).append(", ").append(machine.get("cpus")).append(" CPUs, ")
            .append(machine.get("memory_total_mib")).append(" MiB, ").append(machine.get("jvm")).append("; load average ")
            .append(machine.get("load_average_at_start")).append(" at start, ")
            .append(machine.get("load_average_at_end")).append(" at end; ").append(flat.get("generated_at"))
            .append("; `").append(flat.get("command")).append("`.\n\n");
        sb.append("| workload | DataBourse matcher (ops/s) | exchange-core 0.5.3 (ops/s) | ratio | checks |\n");
        sb.append("|---|---|---|---|---|\n");
        for (final ThroughputRow row : throughput)
        {
            sb.append("| ").append(row.workload()).append(" | ").append(row.matcherOpsPerSec()).append(" | ")
                .append(null == row.peer() ? "n/a" : Long.toString(row.peer().opsPerSec())).append(" | ")
                .append(null == row.peer() ? "n/a" : Double.toString(row.peer().ratio())).append(" | ")
                .append(row.checksOk() ? "ok" : "FAILED").append(" |\n");
        }
        sb.append("\n| offered rate (cmd/s) | engine | achieved | p50 µs | p99 µs | p99.9 µs | p99.99 µs | max µs |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        LatencyRow.of(latencies).forEach(r -> r.appendMarkdown(sb, "matcher alone"));
        LatencyRow.of(floors).forEach(r -> r.appendMarkdown(sb, "no engine (machine floor)"));
        LatencyRow.of(pipelineLatencies).forEach(r -> r.appendMarkdown(sb, "journaled pipeline"));
        if (null != sequencer)
        {
            sb.append("\nJournal: ").append(sequencer.recordBytesPerCommand())
                .append(" bytes of records a command, written packed as ").append(sequencer.journalBytesPerCommand())
                .append("; matcher + journal on one thread: ").append(sequencer.batchedOpsPerSec())
                .append(" commands/s.\n");
        }
        if (path(flat, "latency_matcher_alone", "service_time_ns") instanceof Map<?, ?> service)
        {
            sb.append("\nThe matcher's own time per command (closed loop, each command timed alone, the ~24 ns clock ")
                .append("read included; ").append(service.get("commands")).append(" commands): p50 ")
                .append(service.get("p50")).append(" ns, p99 ").append(service.get("p99")).append(" ns, p99.9 ")
                .append(service.get("p99_9")).append(" ns, p99.99 ").append(service.get("p99_99")).append(" ns, max ")
                .append(service.get("max")).append(" ns.\n");
        }
        if (path(flat, "latency_matcher_alone", "spinning_thread_stalls") instanceof Map<?, ?> census)
        {
            sb.append("\nA spinning thread on this machine lost its core ").append(census.get("stalls_per_sec"))
                .append(" times a second for more than ").append(census.get("threshold_us")).append(" µs (mean ")
                .append(census.get("mean_stall_us")).append(" µs, longest ").append(census.get("longest_stall_us"))
                .append(" µs): ").append(census.get("stalled_percent")).append(" % of its time.\n");
        }
        sb.append(io.databourse.perf.gateway.RoundTripJson.markdown(gateway));
        if (!settlement.isEmpty())
        {
            sb.append("\nSettlement: batch ").append(path(settlement, "batch", "best_records_per_s"))
                .append(" records/s (best run); live lag to the ledger at ")
                .append(path(settlement, "lag", "achieved_records_per_s")).append(" records/s: p50 ")
                .append(path(settlement, "lag", "ledger_lag_us", "p50")).append(" µs, p99 ")
                .append(path(settlement, "lag", "ledger_lag_us", "p99")).append(" µs, p99.9 ")
                .append(path(settlement, "lag", "ledger_lag_us", "p99_9")).append(" µs.\n");
        }
        if (!cluster.isEmpty())
        {
            sb.append("\nCommitted orders through the gateway's link, without FIX (load average ")
                .append(cluster.get("load_average_at_start")).append(" at start, ").append(cluster.get("load_average_at_end"))
                .append(" at end):\n\n| deployment | orders/s (window ").append(cluster.get("window"))
                .append(") | offered/s | achieved | p50 µs | p99 µs | p99.9 µs | max µs |\n|---|---|---|---|---|---|---|---|\n");
            for (final String key : List.of("single_process", "cluster_3_members"))
            {
                if (cluster.get(key) instanceof Map<?, ?> d && d.get("latency") instanceof List<?> rows)
                {
                    for (final Object o : rows)
                    {
                        if (!(o instanceof Map<?, ?> r))
                        {
                            continue;
                        }
                        sb.append("| ").append(d.get("deployment")).append(" | ").append(d.get("committed_orders_per_sec"))
                            .append(" | ").append(r.get("rate_per_sec")).append(" | ").append(r.get("achieved_per_sec"))
                            .append(" | ").append(r.get("p50_us")).append(" | ").append(r.get("p99_us")).append(" | ")
                            .append(r.get("p99_9_us")).append(" | ").append(r.get("max_us")).append(" |\n");
                    }
                }
            }
        }
        sb.append("\n| target | measured |\n|---|---|\n");
        if (flat.get("targets") instanceof Map<?, ?> targets)
        {
            targets.forEach((target, measured) -> sb.append("| ").append(target).append(" | ").append(measured).append(" |\n"));
        }
        return sb.toString();
    }

    /**
     * One field of the row whose {@code rateKey} is {@code rate}, in a child bench's list of per-rate
     * rows (parsed JSON); or null.
     */
    private static Object rowAt(final Object rows, final String rateKey, final long rate, final String field)
    {
        if (rows instanceof List<?> list)
        {
            for (final Object o : list)
            {
                if (o instanceof Map<?, ?> r && r.get(rateKey) instanceof Number n && n.longValue() == rate)
                {
                    return r.get(field);
                }
            }
        }
        return null;
    }

    private static Object p99At(final List<LatencyBench.Result> latencies, final long rate)
    {
        for (final LatencyBench.Result r : latencies)
        {
            if (r.ratePerSec() == rate)
            {
                return round2(r.percentileUs(99));
            }
        }
        return null;
    }

    private static Map<String, Object> targets(final Map<String, Object> flat)
    {
        final Map<String, Object> t = new LinkedHashMap<>();
        t.put("ratio_vs_exchange_core >= 1.5", verdict(flat.get("ratio_vs_exchange_core"), 1.5, true));
        t.put("matcher_p99_us_at_1m <= 2", verdict(flat.get("matcher_p99_us_at_1m"), 2, false));
        t.put("alloc_bytes_per_op == 0", verdict(flat.get("alloc_bytes_per_op"), 0.5, false));
        t.put("pipeline_ops_per_sec >= 2000000", verdict(flat.get("pipeline_ops_per_sec"), 2_000_000, true));
        t.put("bytes_per_resting_order <= 128", verdict(flat.get("bytes_per_resting_order"), 128, false));
        return t;
    }

    private static String verdict(final Object value, final double bound, final boolean atLeast)
    {
        if (!(value instanceof Number n))
        {
            return "not measured";
        }
        final boolean met = atLeast ? n.doubleValue() >= bound : n.doubleValue() <= bound;
        return (met ? "met: " : "NOT met: ") + value;
    }

    private static double round2(final double v)
    {
        return Math.round(v * 100) / 100.0;
    }
}
