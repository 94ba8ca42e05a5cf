package io.databourse.perf.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeron.driver.MediaDriver;
import io.databourse.cluster.client.ClusterClientDriver;
import io.databourse.cluster.client.ClusterLink;
import io.databourse.cluster.client.ClusterLinkContext;
import io.databourse.cluster.node.ClusterMembers;
import io.databourse.cluster.security.ClusterSecret;
import io.databourse.cluster.status.ClusterStatus;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.exchange.ReferenceDataFile;
import io.databourse.exchange.cluster.ClusterBootstrap;
import io.databourse.exchange.cluster.MemberProcesses;
import io.databourse.gateway.link.AeronStreamsLink;
import io.databourse.gateway.link.ExchangeLink;
import io.databourse.journal.idle.IdleStrategies;
import io.databourse.journal.sbe.Bool;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.ExchangeStreams;
import io.databourse.journal.schema.JournalRecord;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Committed orders through a three-member cluster beside the single-process exchange, in one run:
 * the same orders (crossing pairs, a sell then a buy of one unit, every pair a trade) sent the way the
 * FIX gateway sends them, through its {@link ExchangeLink}, without FIX: to the embedded exchange
 * over Aeron IPC ({@link AeronStreamsLink}), and to three members, each a process of its own on
 * loopback UDP ({@link ClusterLink}, which hears a record only once the cluster has committed its
 * command). For each: throughput with up to a window of commands in flight, then the latency from
 * each command's scheduled send time to its record's arrival (open loop, HdrHistogram) at fixed
 * rates. Writes perf/results/cluster.json (or --out FILE).
 * <pre>
 *   java &lt;flags&gt; -cp perf/target/perf-benchmarks.jar io.databourse.perf.cluster.ClusterBench [--quick] [--out FILE]
 *       [--rates R1,R2] [--seconds S] [--commands N] [--window W]
 * </pre>
 */
public final class ClusterBench
{
    private static final String SYMBOL = "DATA.TRAFFIC.API";
    private static final int SESSION_ID = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final boolean quick;
    private final long[] rates;
    private final double seconds;
    private final int commands;
    private final int window;
    private final Path workDir;
    private final Path referenceData;
    private int clOrdIdCounter;
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[NewOrderCommandEncoder.BLOCK_LENGTH]);
    private final NewOrderCommandEncoder newOrder = new NewOrderCommandEncoder();

    private ClusterBench(final boolean quick, final long[] rates, final double seconds, final int commands, final int window)
        throws IOException
    {
        this.quick = quick;
        this.rates = rates;
        this.seconds = seconds;
        this.commands = commands;
        this.window = window;
        this.workDir = Files.createTempDirectory("databourse-cluster-bench");
        this.referenceData = workDir.resolve("reference-data.jsonl");
        try (InputStream in = EmbeddedExchange.open("classpath:/demo/reference-data.jsonl"))
        {
            Files.write(referenceData, in.readAllBytes());
        }
        Files.writeString(referenceData, "\n{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"" + SYMBOL +
            "\",\"qty\":100000000}\n{\"type\":\"deposit\",\"participant\":\"P1\",\"amount\":\"900000000.00\"}\n",
            StandardOpenOption.APPEND);
    }

    public static void main(final String[] args) throws Exception
    {
        boolean quick = false;
        long[] rates = null;
        double seconds = -1;
        int commands = -1;
        int window = 4_096;
        Path out = Path.of("perf", "results", "cluster.json");
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick" -> quick = true;
                case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--commands" -> commands = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: ClusterBench [--quick] [--rates R1,R2] [--seconds S] " +
                    "[--commands N] [--window W] [--out FILE]");
            }
        }
        // both deployments with the same idle strategies: the launcher's defaults unless set
        System.setProperty(IdleStrategies.PROP, System.getProperty(IdleStrategies.PROP, IdleStrategies.DEFAULT));
        System.setProperty(IdleStrategies.DRIVER_PROP,
            System.getProperty(IdleStrategies.DRIVER_PROP, IdleStrategies.DRIVER_DEFAULT));
        final ClusterBench bench = new ClusterBench(quick,
            null != rates ? rates : quick ? new long[] {1_000, 10_000} : new long[] {1_000, 10_000, 20_000},
            seconds > 0 ? seconds : quick ? 3 : 10, commands > 0 ? commands : quick ? 100_000 : 400_000, window);
        final Map<String, Object> results = bench.run();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("RESULTS " + out);
        System.exit(0);
    }

    private Map<String, Object> run() throws Exception
    {
        final Map<String, Object> results = new LinkedHashMap<>();
        results.put("generated_at", Instant.now().toString());
        results.put("mode", quick ? "quick" : "full");
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("load_average_at_start", loadAverage());
        results.put("idle_strategy", System.getProperty(IdleStrategies.PROP));
        results.put("driver_idle_strategy", System.getProperty(IdleStrategies.DRIVER_PROP));
        results.put("orders", "crossing pairs of one unit (" + SYMBOL + "), a sell of P2 then a buy of P1: every pair trades");
        results.put("window", window);
        results.put("single_process", measure("single process (IPC)", this::singleProcess));
        results.put("cluster_3_members", measure("3-member cluster (UDP loopback)", this::cluster));
        results.put("load_average_at_end", loadAverage());
        return results;
    }

    /** Other work on the machine shows in every figure here: the run records how busy it was. */
    private static double loadAverage()
    {
        return Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) /
            100.0;
    }

    /** A deployment under test: a link to it, and what to close afterwards. */
    private record Target(ExchangeLink link, AutoCloseable resources) implements AutoCloseable
    {
        @Override
        public void close()
        {
            CloseHelper.closeAll(link, resources);
        }
    }

    private interface TargetFactory
    {
        Target start() throws Exception;
    }

    private Target singleProcess()
    {
        final EmbeddedExchange exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(workDir.resolve("single"))
            .aeronDir("/dev/shm/databourse-cbench-single-" + ProcessHandle.current().pid())
            .bootstrapFile(referenceData.toString()));
        final ExchangeLink link = new AeronStreamsLink(exchange.aeron(), false, ExchangeStreams.IPC_CHANNEL,
            ExchangeStreams.COMMAND_STREAM_ID, ExchangeStreams.IPC_CHANNEL, ExchangeStreams.EVENT_STREAM_ID);
        return new Target(link, exchange);
    }

    private Target cluster() throws Exception
    {
        final ClusterMembers members = ClusterMembers.onFreeLoopbackPorts(3);
        final Path dataDir = workDir.resolve("cluster");
        Files.createDirectories(dataDir);
        final Path secretFile = dataDir.resolve("cluster-secret");
        final byte[] secret = ClusterSecret.createIfAbsent(secretFile);
        final MemberProcesses processes = new MemberProcesses("512m", List.of(
            "-D" + IdleStrategies.PROP + "=" + System.getProperty(IdleStrategies.PROP),
            "-D" + IdleStrategies.DRIVER_PROP + "=" + System.getProperty(IdleStrategies.DRIVER_PROP),
            "-Ddatabourse.matcher.orders.max=262144"));
        MediaDriver driver = null;
        ClusterLink link = null;
        try
        {
            for (int i = 0; i < 3; i++)
            {
                processes.start(List.of("cluster", "start", "--node", String.valueOf(i), "--members", members.toString(),
                    "--data-dir", dataDir.toString(), "--secret-file", secretFile.toString(),
                    "--parent-pid", String.valueOf(ProcessHandle.current().pid())),
                    dataDir.resolve("node-" + i + ".log"));
            }
            driver = ClusterClientDriver.launch("/dev/shm/databourse-cbench-client-" + ProcessHandle.current().pid());
            link = new ClusterLink(new ClusterLinkContext()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .ingressEndpoints(members.ingressEndpoints())
                .secret(secret)
                .log(line -> System.out.println("CLUSTER " + line)));
            ClusterBootstrap.loadIfEmpty(link, ReferenceDataFile.commands(referenceData.toString()), TIMEOUT);
            System.out.println("CLUSTER members:\n" + ClusterStatus.format(ClusterStatus.read(dataDir)));
            final MediaDriver clientDriver = driver;
            return new Target(link, () -> CloseHelper.closeAll(clientDriver, processes));
        }
        catch (final Exception | Error ex)
        {
            CloseHelper.quietCloseAll(link, driver, processes);
            throw ex;
        }
    }

    private Map<String, Object> measure(final String name, final TargetFactory factory) throws Exception
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        try (Target target = factory.start())
        {
            final Driver driver = new Driver(target.link());
            driver.awaitLive();
            driver.closedLoop(quick ? 20_000 : 50_000); // warm-up, untimed
            final long startNs = System.nanoTime();
            driver.closedLoop(commands);
            final double opsPerSec = commands / ((System.nanoTime() - startNs) / 1e9);
            System.out.printf(Locale.ROOT, "CLUSTER %s: throughput %.0f committed orders/s (%d orders, window %d)%n",
                name, opsPerSec, commands, window);
            m.put("deployment", name);
            m.put("committed_orders_per_sec", Math.round(opsPerSec));
            m.put("throughput_orders", commands);
            final List<Object> rows = new ArrayList<>();
            for (final long rate : rates)
            {
                final Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                final long t0 = System.nanoTime();
                final long sent = driver.openLoop(rate, seconds, h);
                final double achieved = sent / ((System.nanoTime() - t0) / 1e9);
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("rate_per_sec", rate);
                row.put("achieved_per_sec", Math.round(achieved));
                row.put("count", h.getTotalCount());
                row.put("p50_us", us(h.getValueAtPercentile(50)));
                row.put("p99_us", us(h.getValueAtPercentile(99)));
                row.put("p99_9_us", us(h.getValueAtPercentile(99.9)));
                row.put("max_us", us(h.getMaxValue()));
                rows.add(row);
                System.out.printf(Locale.ROOT, "CLUSTER %s: %,d orders/s offered, %,.0f achieved: p50 %.1f us, p99 %.1f us, " +
                    "p99.9 %.1f us, max %.1f us%n", name, rate, achieved, us(h.getValueAtPercentile(50)),
                    us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()));
            }
            m.put("latency", rows);
        }
        return m;
    }

    private static double us(final long ns)
    {
        return Math.round(ns / 10.0) / 100.0;
    }

    /** Encodes the next order of the sequence (even: a sell of P2, odd: a buy of P1); returns its length. */
    private int nextOrder()
    {
        final int n = clOrdIdCounter++;
        final boolean sell = 0 == (n & 1);
        Codecs.encode(newOrder, command, 0, SESSION_ID);
        newOrder.participantId(sell ? "P2" : "P1");
        newOrder.productId(SYMBOL);
        newOrder.clOrdId((sell ? "S" : "B") + n);
        newOrder.side(sell ? Codes.Side.SELL : Codes.Side.BUY).ordType(Codes.OrdType.LIMIT).tif(Codes.TimeInForce.GTC)
            .postOnly(Bool.FALSE).stp(Codes.SelfTradePrevention.CANCEL_NEWEST).priceFen(1_200).qty(1);
        return newOrder.encodedLength();
    }

    /** Sends orders on a link and matches each record to its order: one sender, so records come in sending order. */
    private final class Driver
    {
        private final ExchangeLink link;
        private final JournalRecord view = new JournalRecord();
        private final long[] sentAtNs = new long[1 << 20];
        private final int mask = sentAtNs.length - 1;
        private long sent;
        private long received;
        private Histogram histogram;
        private final ExchangeLink.RecordsHandler handler = this::onRecords;
        private final JournalRecord.RecordHandler onRecord = this::onRecord;

        Driver(final ExchangeLink link)
        {
            this.link = link;
        }

        void awaitLive()
        {
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!link.isConnected())
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the link did not connect within " + TIMEOUT);
                }
                link.poll(handler, 64);
                Thread.onSpinWait();
            }
            // anything already on its way (a bootstrap's records) is not ours
            final long quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() < quietUntil)
            {
                link.poll((b, o, l) -> { }, 64);
            }
        }

        private void onRecords(final DirectBuffer buffer, final int offset, final int length)
        {
            view.forEachRecord(buffer, offset, length, onRecord);
        }

        private void onRecord(final JournalRecord record)
        {
            if (record.commandLength() != NewOrderCommandEncoder.BLOCK_LENGTH)
            {
                return;
            }
            final long nowNs = System.nanoTime();
            if (null != histogram)
            {
                histogram.recordValue(Math.min(nowNs - sentAtNs[(int)(received & mask)], histogram.getHighestTrackableValue()));
            }
            received++;
        }

        /** Sends {@code count} orders with at most the window in flight, until all are committed. */
        void closedLoop(final int count)
        {
            histogram = null;
            final long target = sent + count;
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (received < target)
            {
                if (sent < target && sent - received < window)
                {
                    send(System.nanoTime());
                }
                if (0 == link.poll(handler, 256) && System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("orders not committed within " + TIMEOUT + ": " + received + " of " + target);
                }
            }
        }

        /** Sends at {@code rate} for {@code seconds} (each order timed from its scheduled moment); returns how many. */
        long openLoop(final long rate, final double seconds, final Histogram h)
        {
            histogram = h;
            final long count = (long)(rate * seconds);
            final long first = sent;
            final double intervalNs = 1e9 / rate;
            final long t0 = System.nanoTime();
            final long deadline = t0 + TIMEOUT.toNanos();
            while (received < first + count)
            {
                final long nowNs = System.nanoTime();
                final long due = t0 + (long)((sent - first) * intervalNs);
                if (sent < first + count && nowNs >= due && sent - received < sentAtNs.length)
                {
                    send(due);
                }
                link.poll(handler, 256);
                if (nowNs > deadline)
                {
                    throw new IllegalStateException("orders not committed within " + TIMEOUT);
                }
            }
            histogram = null;
            return count;
        }

        private void send(final long scheduledNs)
        {
            final int length = nextOrder();
            while (link.offer(command, 0, length) <= 0)
            {
                link.poll(handler, 256);
            }
            sentAtNs[(int)(sent & mask)] = scheduledNs;
            sent++;
        }
    }
}
