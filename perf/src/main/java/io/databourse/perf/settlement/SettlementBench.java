package io.databourse.perf.settlement;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.databourse.journal.json.CommandFormatException;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.Sequencer;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.StageRunner;
import io.databourse.settlement.ledger.CertificateStage;
import io.databourse.settlement.ledger.Ledger;
import io.databourse.settlement.ledger.LedgerStage;
import org.HdrHistogram.Histogram;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochNanoClock;

/**
 * Settlement throughput and lag behind the matcher (issue 4, "Done means").
 * <pre>
 *   (a) batch:  workload --Sequencer(matcher)--> journal (finished)
 *                                                   |
 *                         SettlementPipeline.batch: tailer -> ring -> 5 stages (+ certificates)
 *               timed from start() to the last record applied by every stage: records/s, trades/s,
 *               ledger posting sets/s
 *
 *   (b) lag:    producer thread at a fixed rate: t0 = nanoTime; Sequencer.sequenceNow (matcher + append)
 *                                                   |
 *                         SettlementPipeline.live (tailing): ledger applies record seq at t1
 *               lag = t1 - t0 per record, HdrHistogram (also the certificate stage, chained after
 *               the ledger)
 * </pre>
 * The batch journal is written as the live matcher agent writes it under full load (64 records per
 * excerpt); the lag run's records arrive one at a time (one per excerpt).
 * The workload is seeded (the seed is printed): sellers post a limit sell, a buyer crosses it
 * (one trade per round, taker buy), and every eighth round a buy rests and is cancelled (the
 * reservation and its release). Results: printed and written to perf/results/settlement.json.
 * <p>{@code --quick} is a smoke run (seconds); without it the sizes are for a quiet machine.
 * Options: {@code --seed N --rounds N --runs N --rate RECORDS_PER_S --seconds N --out FILE --no-fsync}.
 */
public final class SettlementBench
{
    private static final long NS_PER_S = 1_000_000_000L;
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(5);
    private static final long AWAIT_TIMEOUT_NS = TimeUnit.MINUTES.toNanos(5);
    private static final int SELLERS = 8;
    private static final int BUYERS = 8;
    private static final int PRODUCTS = 4;
    /** Commands the matcher agent takes per duty cycle at most (its fragment limit): records per excerpt. */
    private static final int RECORDS_PER_DUTY_CYCLE = 64;
    /** Every CANCEL_EVERY-th round adds a resting buy and its cancel. */
    private static final int CANCEL_EVERY = 8;

    private SettlementBench()
    {
    }

    /** Parsed command line. */
    record Options(boolean quick, long seed, int rounds, int runs, int ratePerS, int seconds, Path out, boolean fsync)
    {
        static Options parse(final String[] args)
        {
            boolean quick = false;
            for (final String a : args)
            {
                quick |= "--quick".equals(a);
            }
            long seed = System.nanoTime();
            int rounds = quick ? 20_000 : 200_000;
            int runs = quick ? 3 : 5;
            int ratePerS = quick ? 5_000 : 20_000;
            int seconds = quick ? 3 : 20;
            Path out = Path.of("perf/results/settlement.json");
            boolean fsync = true;
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--quick": break;
                    case "--seed": seed = Long.parseLong(args[++i]); break;
                    case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                    case "--runs": runs = Integer.parseInt(args[++i]); break;
                    case "--rate": ratePerS = Integer.parseInt(args[++i]); break;
                    case "--seconds": seconds = Integer.parseInt(args[++i]); break;
                    case "--out": out = Path.of(args[++i]); break;
                    case "--no-fsync": fsync = false; break;
                    default: throw new IllegalArgumentException("unknown option " + args[i] + " (--quick --seed N "
                        + "--rounds N --runs N --rate RECORDS_PER_S --seconds N --out FILE --no-fsync)");
                }
            }
            if (rounds < 1 || runs < 1 || ratePerS < 1 || seconds < 1 || (long)ratePerS * seconds > 50_000_000)
            {
                throw new IllegalArgumentException(
                    "rounds, runs, rate, seconds must be positive; rate x seconds <= 5e7");
            }
            return new Options(quick, seed, rounds, runs, ratePerS, seconds, out, fsync);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final Options o = Options.parse(args);
        System.out.println("SettlementBench " + (o.quick ? "quick" : "full") + " seed " + o.seed + " on " +
            Runtime.getRuntime().availableProcessors() + " CPUs");
        if (Runtime.getRuntime().availableProcessors() < 4)
        {
            System.out.println("WARN fewer than 4 CPUs: the tailer, the stage threads and the producer share cores;"
                + " expect noise");
        }
        final Path work = Files.createTempDirectory("databourse-settlement-bench");
        try
        {
            final Map<String, Object> results = new LinkedHashMap<>();
            results.put("benchmark", "settlement");
            results.put("mode", o.quick ? "quick" : "full");
            results.put("seed", o.seed);
            results.put("machine", machine());
            results.put("batch", batch(o, work));
            results.put("lag", lag(o, work));
            Files.createDirectories(o.out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out.toFile(), results);
            System.out.println("wrote " + o.out);
        }
        finally
        {
            IoUtil.delete(work.toFile(), true);
        }
    }

    // ---------------------------------------------------------------- (a) batch throughput

    private static Map<String, Object> batch(final Options o, final Path work) throws IOException
    {
        final Workload w = Workload.generate(o.seed, o.rounds);
        final Path journalDir = work.resolve("batch-journal");
        try (Journal journal = Journal.open(journalDir); JournalWriter writer = journal.writer())
        {
            // As the live matcher agent journals under full load: a duty cycle's records in one excerpt.
            final Sequencer sequencer = new Sequencer(new Matcher(new MatcherContext().conclude()), writer, null, true);
            final SystemEpochNanoClock clock = new SystemEpochNanoClock();
            for (int i = 0; i < w.count(); i++)
            {
                sequencer.sequenceNow(clock.nanoTime(), w.buffer, w.offsets[i], w.lengths[i]);
                if (0 == (i + 1) % RECORDS_PER_DUTY_CYCLE)
                {
                    sequencer.flush();
                }
            }
            sequencer.flush();
        }
        System.out.printf(Locale.ROOT, "(a) batch: %,d records (%,d rounds), %d runs, fresh state each run%n",
            w.count(), o.rounds, o.runs);
        final List<Map<String, Object>> runs = new ArrayList<>();
        double bestRecordsPerS = 0;
        double bestPostingSetsPerS = 0;
        double bestLegsPerS = 0;
        for (int run = 1; run <= o.runs; run++)
        {
            final Path stateDir = work.resolve("batch-state-" + run);
            final SettlementPipeline pipeline = new SettlementPipeline(new SettlementContext()
                .journalDir(journalDir).stateDir(stateDir).batch(true).conclude());
            final long startNs = System.nanoTime();
            SettlementPipeline.runBatch(pipeline);
            final long elapsedNs = System.nanoTime() - startNs;
            final Ledger ledger = pipeline.ledger().ledger();
            final long records = pipeline.runners().get(0).appliedCount();
            if (records != w.count() || ledger.tradeCount() != o.rounds)
            {
                throw new IllegalStateException("settled " + records + " records and " + ledger.tradeCount() +
                    " trades, expected " + w.count() + " and " + o.rounds + " (rejects in the workload?)");
            }
            final double seconds = elapsedNs / (double)NS_PER_S;
            final Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", run);
            r.put("elapsed_ms", TimeUnit.NANOSECONDS.toMillis(elapsedNs));
            r.put("records", records);
            r.put("trades", ledger.tradeCount());
            r.put("posting_sets", ledger.postingSetCount());
            r.put("posting_legs", ledger.legsPostedThisRun());
            r.put("certificates", pipeline.certificates().certificateCount());
            r.put("records_per_s", Math.round(records / seconds));
            r.put("trades_per_s", Math.round(ledger.tradeCount() / seconds));
            r.put("posting_sets_per_s", Math.round(ledger.postingSetCount() / seconds));
            r.put("posting_legs_per_s", Math.round(ledger.legsPostedThisRun() / seconds));
            runs.add(r);
            bestRecordsPerS = Math.max(bestRecordsPerS, records / seconds);
            bestPostingSetsPerS = Math.max(bestPostingSetsPerS, ledger.postingSetCount() / seconds);
            bestLegsPerS = Math.max(bestLegsPerS, ledger.legsPostedThisRun() / seconds);
            System.out.printf(Locale.ROOT,
                "  run %d: %,6d ms  %,10.0f records/s  %,9.0f trades/s  %,10.0f posting sets/s  %,10.0f legs/s"
                    + "  (%,d sets, %,d legs)%n",
                run, TimeUnit.NANOSECONDS.toMillis(elapsedNs), records / seconds, ledger.tradeCount() / seconds,
                ledger.postingSetCount() / seconds, ledger.legsPostedThisRun() / seconds, ledger.postingSetCount(),
                ledger.legsPostedThisRun());
            IoUtil.delete(stateDir.toFile(), true);
        }
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "batch settlement of a finished journal, all stages, fsync off, from start to the last record"
            + " applied by every stage; best of the runs (the first warms the JIT)");
        m.put("records", w.count());
        m.put("rounds", o.rounds);
        m.put("best_records_per_s", Math.round(bestRecordsPerS));
        m.put("best_posting_sets_per_s", Math.round(bestPostingSetsPerS));
        m.put("best_posting_legs_per_s", Math.round(bestLegsPerS));
        m.put("runs", runs);
        IoUtil.delete(journalDir.toFile(), true);
        return m;
    }

    // ---------------------------------------------------------------- (b) lag behind the matcher

    private static Map<String, Object> lag(final Options o, final Path work) throws IOException
    {
        final int records = o.ratePerS * o.seconds;
        // Rounds make 2 or 4 commands each; generate enough, use exactly `records` after the reference data.
        final Workload w = Workload.generate(o.seed + 1, records / 2 + 1);
        final int referenceCount = w.referenceCount;
        final int total = referenceCount + records;
        final long lastSeq = total;
        final AtomicLongArray appendNs = new AtomicLongArray(total + 1);
        final Histogram ledgerLagNs = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        final Histogram certificateLagNs = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        final Histogram producerLateNs = new Histogram(HIGHEST_TRACKABLE_NS, 3);

        final Path journalDir = work.resolve("live-journal");
        final SettlementContext ctx = new SettlementContext()
            .journalDir(journalDir).stateDir(work.resolve("live-state")).batch(false).fsync(o.fsync)
            .appliedListener((stageName, seq, timeNs) ->
            {
                // Each histogram has one writer: the ledger's or the certificate stage's thread.
                if (seq > referenceCount)
                {
                    final long nowNs = System.nanoTime();
                    if (LedgerStage.NAME.equals(stageName))
                    {
                        ledgerLagNs.recordValue(Math.min(HIGHEST_TRACKABLE_NS, nowNs - appendNs.get((int)seq)));
                    }
                    else if (CertificateStage.NAME.equals(stageName))
                    {
                        certificateLagNs.recordValue(Math.min(HIGHEST_TRACKABLE_NS, nowNs - appendNs.get((int)seq)));
                    }
                }
            })
            .conclude();
        System.out.printf(Locale.ROOT, "(b) lag: %,d records at %,d records/s after %d reference records; live pipeline"
            + " (wait strategy %s, fsync %s, checkpoint every %d ms)%n", records, o.ratePerS, referenceCount,
            System.getProperty(SettlementContext.WAIT_STRATEGY_PROP_NAME, SettlementContext.WAIT_STRATEGY_DEFAULT),
            ctx.fsync(), ctx.checkpointIntervalMs());

        final SettlementPipeline pipeline = new SettlementPipeline(ctx).start();
        final long producedNs;
        final long trades;
        try (Journal journal = Journal.open(journalDir); JournalWriter writer = journal.writer())
        {
            // Not batching: each record is its own excerpt, as the matcher agent journals commands
            // that arrive one at a time.
            final Sequencer sequencer =
                new Sequencer(new Matcher(new MatcherContext().conclude()), writer, null, false);
            final SystemEpochNanoClock clock = new SystemEpochNanoClock();
            for (int i = 0; i < referenceCount; i++)
            {
                appendNs.set(i + 1, System.nanoTime());
                sequencer.sequenceNow(clock.nanoTime(), w.buffer, w.offsets[i], w.lengths[i]);
            }
            await(pipeline, referenceCount);

            // Open loop at a fixed rate: send each record at its intended time; when the producer
            // oversleeps (parkNanos is coarse) it catches up, and how late it was is reported apart.
            final long intervalNs = NS_PER_S / o.ratePerS;
            final long startNs = System.nanoTime();
            for (int i = 0; i < records; i++)
            {
                final long intendedNs = startNs + i * intervalNs;
                long nowNs = System.nanoTime();
                while (intendedNs - nowNs > 0)
                {
                    LockSupport.parkNanos(intendedNs - nowNs);
                    nowNs = System.nanoTime();
                }
                producerLateNs.recordValue(Math.min(HIGHEST_TRACKABLE_NS, nowNs - intendedNs));
                final int c = referenceCount + i;
                final long seq = sequencer.lastSeq() + 1;
                // Stamped before the sequencer runs, so the stage can never read it unset.
                appendNs.set((int)seq, nowNs);
                sequencer.sequenceNow(clock.nanoTime(), w.buffer, w.offsets[c], w.lengths[c]);
            }
            producedNs = System.nanoTime() - startNs;
            await(pipeline, lastSeq);
        }
        finally
        {
            pipeline.close();
        }
        trades = pipeline.ledger().ledger().tradeCount();
        final double achievedPerS = records / (producedNs / (double)NS_PER_S);
        print("ledger applied", ledgerLagNs);
        print("certificate issued", certificateLagNs);
        print("producer behind schedule", producerLateNs);
        System.out.printf(Locale.ROOT, "  producer achieved %,.0f records/s (target %,d); %,d trades settled%n",
            achievedPerS, o.ratePerS, trades);

        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "per record: from the producer handing it to the sequencer (matcher + journal append) to the "
            + "live pipeline's ledger stage having applied it (certificates: issued, chained after the ledger)");
        m.put("records", records);
        m.put("target_records_per_s", o.ratePerS);
        m.put("achieved_records_per_s", Math.round(achievedPerS));
        m.put("trades", trades);
        m.put("fsync", ctx.fsync());
        m.put("checkpoint_interval_ms", ctx.checkpointIntervalMs());
        m.put("wait_strategy",
            System.getProperty(SettlementContext.WAIT_STRATEGY_PROP_NAME, SettlementContext.WAIT_STRATEGY_DEFAULT));
        m.put("ledger_lag_us", percentiles(ledgerLagNs));
        m.put("certificate_lag_us", percentiles(certificateLagNs));
        m.put("producer_late_us", percentiles(producerLateNs));
        return m;
    }

    /** Bounded wait (sleeping, not spinning) for every stage to apply {@code seq}. */
    private static void await(final SettlementPipeline pipeline, final long seq)
    {
        final long deadlineNs = System.nanoTime() + AWAIT_TIMEOUT_NS;
        while (true)
        {
            if (null != pipeline.failure())
            {
                throw new IllegalStateException("settlement failed", pipeline.failure());
            }
            long minSeq = Long.MAX_VALUE;
            for (final StageRunner r : pipeline.runners())
            {
                minSeq = Math.min(minSeq, r.appliedSeq());
            }
            if (minSeq >= seq)
            {
                return;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("settlement stuck at seq " + minSeq + ", waiting for " + seq);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void print(final String name, final Histogram h)
    {
        System.out.printf(Locale.ROOT,
            "  %-26s p50 %,9.1f us  p99 %,9.1f us  p99.9 %,9.1f us  max %,9.1f us  (n=%,d)%n", name,
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
            h.getMaxValue() / 1e3, h.getTotalCount());
    }

    private static Map<String, Object> percentiles(final Histogram h)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", h.getValueAtPercentile(50) / 1e3);
        m.put("p90", h.getValueAtPercentile(90) / 1e3);
        m.put("p99", h.getValueAtPercentile(99) / 1e3);
        m.put("p99_9", h.getValueAtPercentile(99.9) / 1e3);
        m.put("max", h.getMaxValue() / 1e3);
        m.put("mean", Math.round(h.getMean()) / 1e3);
        return m;
    }

    private static Map<String, Object> machine()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        m.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return m;
    }

    // ---------------------------------------------------------------- workload

    /** Commands encoded once (journal schema), in sequence order: reference data, then the rounds. */
    static final class Workload
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
        int[] offsets = new int[1024];
        int[] lengths = new int[1024];
        int count;
        int referenceCount;
        private int position;
        private final JsonCommandParser parser = new JsonCommandParser();
        private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);

        int count()
        {
            return count;
        }

        private void add(final String line)
        {
            final int length;
            try
            {
                length = parser.parse(line, scratch);
            }
            catch (final CommandFormatException ex)
            {
                throw new IllegalStateException("bad workload line " + line, ex);
            }
            if (count == offsets.length)
            {
                offsets = java.util.Arrays.copyOf(offsets, 2 * count);
                lengths = java.util.Arrays.copyOf(lengths, 2 * count);
            }
            buffer.putBytes(position, scratch, 0, length);
            offsets[count] = position;
            lengths[count] = length;
            position += length;
            count++;
        }

        static Workload generate(final long seed, final int rounds)
        {
            final Workload w = new Workload();
            w.add("{\"type\":\"participant\",\"id\":\"SPONSOR\",\"roles\":[\"data_sponsor\"]}");
            w.add("{\"type\":\"participant\",\"id\":\"COMPLIANCE\",\"roles\":[\"compliance_officer\"]}");
            for (int s = 0; s < SELLERS; s++)
            {
                w.add("{\"type\":\"participant\",\"id\":\"S" + s + "\",\"roles\":[\"data_supplier\"]}");
            }
            for (int b = 0; b < BUYERS; b++)
            {
                w.add("{\"type\":\"participant\",\"id\":\"B" + b + "\",\"roles\":[\"buyer\"],\"localTaxpayer\":true}");
            }
            w.add("{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":5,\"takerBps\":10}");
            for (int p = 0; p < PRODUCTS; p++)
            {
                w.add("{\"type\":\"product\",\"id\":\"DATA.BENCH." + p + "\",\"kind\":\"data\",\"tick\":\"0.01\","
                    + "\"lot\":1,\"band\":\"0.20\",\"referencePrice\":\"100.00\",\"rights\":\"process_use\","
                    + "\"delivery\":\"api\",\"usagePerLot\":10,\"termDays\":365,\"sponsor\":\"SPONSOR\","
                    + "\"owner\":\"S" + (p % SELLERS) + "\",\"reviewedBy\":\"COMPLIANCE\",\"status\":\"listed\"}");
            }
            for (int b = 0; b < BUYERS; b++)
            {
                w.add("{\"type\":\"deposit\",\"participant\":\"B" + b + "\",\"amount\":\"100000000.00\"}");
            }
            for (int p = 0; p < PRODUCTS; p++)
            {
                // primary units go only to a product's owner
                w.add("{\"type\":\"inventory\",\"participant\":\"S" + (p % SELLERS) + "\",\"product\":\"DATA.BENCH." +
                    p + "\",\"qty\":100000000}");
            }
            w.referenceCount = w.count;

            final Random random = new Random(seed);
            for (int i = 0; i < rounds; i++)
            {
                final String buyer = "B" + random.nextInt(BUYERS);
                final int productIndex = random.nextInt(PRODUCTS);
                final String seller = "S" + (productIndex % SELLERS); // its owner
                final String product = "DATA.BENCH." + productIndex;
                // 95.00 .. 104.99: inside the 20 % band whatever the last price in that range was.
                final String price = (95 + random.nextInt(10)) + "." + (10 + random.nextInt(90));
                final int qty = 1 + random.nextInt(10);
                w.add("{\"type\":\"new\",\"participant\":\"" + seller + "\",\"clOrdId\":\"s" + i + "\",\"product\":\"" +
                    product + "\",\"side\":\"sell\",\"tif\":\"gtc\",\"price\":\"" + price + "\",\"qty\":" + qty + "}");
                w.add("{\"type\":\"new\",\"participant\":\"" + buyer + "\",\"clOrdId\":\"b" + i + "\",\"product\":\"" +
                    product + "\",\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"" + price + "\",\"qty\":" + qty + "}");
                if (0 == i % CANCEL_EVERY)
                {
                    w.add("{\"type\":\"new\",\"participant\":\"" + buyer + "\",\"clOrdId\":\"r" + i +
                        "\",\"product\":\"" + product + "\",\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"90.00\","
                        + "\"qty\":" + qty + "}");
                    w.add("{\"type\":\"cancel\",\"participant\":\"" + buyer + "\",\"clOrdId\":\"c" + i +
                        "\",\"origClOrdId\":\"r" + i + "\"}");
                }
            }
            return w;
        }
    }
}
