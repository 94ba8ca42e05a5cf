package io.databourse.perfpeer;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiPlaceOrder;
import exchange.core2.core.common.api.ApiReduceOrder;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.InitialStateConfiguration;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.common.config.OrdersProcessingConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.common.config.ReportsQueriesConfiguration;
import exchange.core2.core.common.config.SerializationConfiguration;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * exchange-core 0.5.3 fed a DataBourse workload CSV, in its own JVM, for the side-by-side figure.
 * <pre>
 *   main thread                 exchange-core (Disruptor ring, 1 risk engine, 1 matching engine)
 *  +-----------+  submitCommand  +----------+   +-----+   +----------+   +-----+   +---------+
 *  | ApiCommand| --------------> | grouping | ->| R1  |-> | matching | ->| R2  |-> | results | -> counts
 *  | list (pre-|                 +----------+   +-----+   +----------+   +-----+   +---------+
 *  | built)    |  timed: first submit .. results handler has seen the last command
 *  +-----------+
 * </pre>
 * Exchange mode (CURRENCY_EXCHANGE_PAIR, full risk per currency), journaling off, the same
 * untimed fill and timed part as our matcher, and the same result check: the number of trades
 * must equal what the generator expects.
 * <p>
 * Prints one {@code PEER run=...} line per run and one {@code PEER_RESULT {...}} JSON line last.
 * With {@code --serve} it warms up, prints {@code PEER ready} and then does one measured run per
 * {@code run} line on stdin until {@code quit}, so that the bench can interleave it with our matcher.
 */
public final class ExchangeCorePeer
{
    private static final int BASE_CURRENCY = 1;
    private static final int QUOTE_CURRENCY = 2;
    private static final long BASE_BALANCE = 1_000_000_000_000L;
    private static final long QUOTE_BALANCE = 1_000_000_000_000_000L;

    private final AtomicLong processed = new AtomicLong();
    private long trades;
    private long rejects;
    private boolean checksOk = true;
    private final long[] resultCounts = new long[CommandResultCode.values().length];

    public static void main(final String[] args) throws Exception
    {
        Path csv = null;
        CoreWaitStrategy wait = CoreWaitStrategy.YIELDING;
        int runs = 3;
        int warmups = 1;
        boolean serve = false;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--csv" -> csv = Path.of(args[++i]);
                case "--wait" -> wait = CoreWaitStrategy.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--serve" -> serve = true;
                case "--affinity" -> affinity = true;
                default -> throw new IllegalArgumentException("usage: --csv FILE [--wait BUSY_SPIN|YIELDING|BLOCKING|"
                    + "SECOND_STEP_NO_WAIT] [--runs N] [--warmups N] [--serve] [--affinity]; unknown " + args[i]);
            }
        }
        if (null == csv)
        {
            throw new IllegalArgumentException("--csv FILE is required");
        }
        final int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 4)
        {
            System.out.println("WARN only " + cpus + " CPUs: exchange-core's pipeline threads share them with the"
                + " producer; figures are lower than on an isolated machine");
        }
        new ExchangeCorePeer().run(csv, wait, runs, warmups, serve);
        // exchange-core leaves non-daemon threads behind on some JDKs: leave without waiting for them.
        System.exit(0);
    }

    private void run(final Path csv, final CoreWaitStrategy wait, final int runs, final int warmups, final boolean serve)
        throws Exception
    {
        final long loadStartNs = System.nanoTime();
        final PeerWorkload w = PeerWorkload.read(csv);
        final List<ApiCommand> fill = new ArrayList<>(w.fillCommands);
        final List<ApiCommand> timed = new ArrayList<>(w.count - w.fillCommands);
        for (int i = 0; i < w.count; i++)
        {
            (i < w.fillCommands ? fill : timed).add(toApi(w, i));
        }
        System.out.printf(Locale.ROOT, "PEER loaded %s: %d fill + %d timed commands in %.1f s (wait=%s)%n",
            w.name, fill.size(), timed.size(), (System.nanoTime() - loadStartNs) / 1e9, wait);

        // Warm-ups (JIT, ring buffer, pools) are printed, not counted, as for our matcher.
        for (int k = 0; k < warmups; k++)
        {
            runOnce(wait, w, fill, timed, "warmup");
        }
        final List<Double> measured = new ArrayList<>();
        if (serve)
        {
            // Interleaved with our matcher by the bench driver: one measured run per "run" line, so that
            // both engines see the same machine load; "quit" ends with the summary.
            System.out.println("PEER ready");
            System.out.flush();
            final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line;
            while (null != (line = stdin.readLine()) && !"quit".equals(line.trim()))
            {
                if ("run".equals(line.trim()))
                {
                    measured.add(runOnce(wait, w, fill, timed, Integer.toString(measured.size() + 1)));
                    System.out.flush();
                }
            }
        }
        else
        {
            for (int run = 0; run < runs; run++)
            {
                measured.add(runOnce(wait, w, fill, timed, Integer.toString(run + 1)));
            }
        }
        final double[] opsPerSec = measured.stream().mapToDouble(Double::doubleValue).toArray();
        final boolean ok = checksOk && opsPerSec.length > 0;
        final double[] sorted = opsPerSec.length == 0 ? new double[] {0} : opsPerSec.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;

        System.out.printf(Locale.ROOT,
            "PEER_RESULT {\"engine\":\"exchange-core 0.5.3\",\"workload\":\"%s\",\"wait_strategy\":\"%s\","
                + "\"runs\":%d,\"ops_per_sec_median\":%.0f,\"ops_per_sec_best\":%.0f,\"ops_per_sec_runs\":%s,"
                + "\"timed_commands\":%d,\"trades\":%d,\"expected_trades\":%d,\"rejects\":%d,\"check_ok\":%b}%n",
            w.name, wait, opsPerSec.length, median, sorted[sorted.length - 1], Arrays.toString(round(opsPerSec)),
            timed.size(), trades, w.expectTradesTimed, rejects, ok);
    }

    /**
     * A fresh exchange-core per run: no state carries over, and between runs none of its threads
     * is left yielding on the two cores while the bench measures our matcher.
     */
    private ExchangeCore startCore(final CoreWaitStrategy wait)
    {
        final PerformanceConfiguration perf = PerformanceConfiguration.throughputPerformanceBuilder()
            .ringBufferSize(64 * 1024)
            .matchingEnginesNum(1)
            .riskEnginesNum(1)
            .msgsInGroupLimit(4096)
            .waitStrategy(wait)
            .threadFactory(affinity ? ExchangeCorePeer::pinnedDaemon : ExchangeCorePeer::daemon)
            .build();
        final ExchangeConfiguration conf = ExchangeConfiguration.builder()
            .ordersProcessingCfg(OrdersProcessingConfiguration.DEFAULT)
            .performanceCfg(perf)
            .initStateCfg(InitialStateConfiguration.CLEAN_TEST)
            .reportsQueriesCfg(ReportsQueriesConfiguration.DEFAULT)
            .loggingCfg(LoggingConfiguration.DEFAULT)
            .serializationCfg(SerializationConfiguration.DEFAULT)
            .build();
        if (conf.getSerializationCfg().isEnableJournaling())
        {
            throw new IllegalStateException("journaling must be off for the matcher-alone comparison");
        }
        final ExchangeCore core = ExchangeCore.builder().resultsConsumer(this::onResult).exchangeConfiguration(conf).build();
        core.startup();
        return core;
    }

    /** One run on a fresh book: reset, set-up and fill untimed, then the timed commands. */
    private double runOnce(
        final CoreWaitStrategy wait, final PeerWorkload w, final List<ApiCommand> fill, final List<ApiCommand> timed,
        final String label) throws Exception
    {
        final ExchangeCore core = startCore(wait);
        final ExchangeApi api = core.getApi();
        setUp(api, w);
        submitAndAwait(api, fill);
        trades = 0;
        rejects = 0;
        Arrays.fill(resultCounts, 0);
        final long startNs = System.nanoTime();
        submitAndAwait(api, timed);
        final long elapsedNs = System.nanoTime() - startNs;
        core.shutdown(10, TimeUnit.SECONDS);
        final double rate = timed.size() * 1e9 / elapsedNs;
        final boolean tradesOk = trades == w.expectTradesTimed;
        checksOk &= tradesOk;
        System.out.printf(Locale.ROOT, "PEER run=%s commands=%d seconds=%.3f ops_per_sec=%.0f trades=%d "
                + "expected_trades=%d rejects=%d%s%n",
            label, timed.size(), elapsedNs / 1e9, rate, trades, w.expectTradesTimed, rejects,
            tradesOk ? "" : " MISMATCH " + rejectSummary());
        return rate;
    }

    private static long[] round(final double[] values)
    {
        final long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++)
        {
            out[i] = Math.round(values[i]);
        }
        return out;
    }

    private String rejectSummary()
    {
        final StringBuilder sb = new StringBuilder();
        final CommandResultCode[] codes = CommandResultCode.values();
        for (int i = 0; i < codes.length; i++)
        {
            if (resultCounts[i] > 0)
            {
                sb.append(codes[i]).append('=').append(resultCounts[i]).append(' ');
            }
        }
        return sb.toString().trim();
    }

    /**
     * --affinity: exchange-core's own per-logical-core pinning (its default), as daemon threads.
     * Measured on this machine it does no better than plain threads (docs/perf.md), so it is off.
     */
    private static boolean affinity;
    private static final exchange.core2.core.utils.AffinityThreadFactory PINNED =
        new exchange.core2.core.utils.AffinityThreadFactory(
            exchange.core2.core.utils.AffinityThreadFactory.ThreadAffinityMode.THREAD_AFFINITY_ENABLE_PER_LOGICAL_CORE);

    private static Thread pinnedDaemon(final Runnable r)
    {
        final Thread t = PINNED.newThread(r);
        t.setDaemon(true);
        return t;
    }

    private static Thread daemon(final Runnable r)
    {
        // Plain daemon threads: affinity pinning on a shared 2-core box starves whoever is unpinned.
        final Thread t = new Thread(r, "exchange-core");
        t.setDaemon(true);
        return t;
    }

    /** Results handler thread: counts commands, trades and non-success results. No allocation. */
    private void onResult(final OrderCommand cmd, final long seq)
    {
        if (cmd.command == OrderCommandType.PLACE_ORDER || cmd.command == OrderCommandType.MOVE_ORDER
            || cmd.command == OrderCommandType.CANCEL_ORDER || cmd.command == OrderCommandType.REDUCE_ORDER)
        {
            for (MatcherTradeEvent e = cmd.matcherEvent; null != e; e = e.nextEvent)
            {
                if (e.eventType == MatcherEventType.TRADE)
                {
                    trades++;
                }
            }
            if (cmd.resultCode != CommandResultCode.SUCCESS)
            {
                rejects++;
            }
            resultCounts[cmd.resultCode.ordinal()]++;
            processed.lazySet(processed.get() + 1);
        }
    }

    private void submitAndAwait(final ExchangeApi api, final List<ApiCommand> commands)
    {
        final long target = processed.get() + commands.size();
        for (int i = 0, n = commands.size(); i < n; i++)
        {
            api.submitCommand(commands.get(i));
        }
        while (processed.get() < target)
        {
            LockSupport.parkNanos(20_000);
        }
    }

    private static void setUp(final ExchangeApi api, final PeerWorkload w) throws Exception
    {
        final List<CoreSymbolSpecification> symbols = new ArrayList<>(w.products);
        for (int p = 1; p <= w.products; p++)
        {
            symbols.add(CoreSymbolSpecification.builder()
                .symbolId(p)
                .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
                .baseCurrency(BASE_CURRENCY)
                .quoteCurrency(QUOTE_CURRENCY)
                .baseScaleK(1)
                .quoteScaleK(1)
                .takerFee(0)
                .makerFee(0)
                .build());
        }
        api.submitBinaryDataAsync(new BatchAddSymbolsCommand(symbols)).get(60, TimeUnit.SECONDS);
        final List<CompletableFuture<CommandResultCode>> futures = new ArrayList<>();
        long transactionId = 1;
        for (int a = 1; a <= w.accounts; a++)
        {
            futures.add(api.submitCommandAsync(ApiAddUser.builder().uid(a).build()));
            futures.add(api.submitCommandAsync(ApiAdjustUserBalance.builder()
                .uid(a).currency(BASE_CURRENCY).amount(BASE_BALANCE).transactionId(transactionId++).build()));
            futures.add(api.submitCommandAsync(ApiAdjustUserBalance.builder()
                .uid(a).currency(QUOTE_CURRENCY).amount(QUOTE_BALANCE).transactionId(transactionId++).build()));
        }
        for (final CompletableFuture<CommandResultCode> f : futures)
        {
            final CommandResultCode code = f.get(60, TimeUnit.SECONDS);
            if (code != CommandResultCode.SUCCESS)
            {
                throw new IllegalStateException("set-up command failed: " + code);
            }
        }
    }

    private static ApiCommand toApi(final PeerWorkload w, final int i)
    {
        final long orderId = w.orderId[i];
        final long uid = w.account[i];
        final int symbol = w.product[i];
        switch (w.op[i])
        {
            case PeerWorkload.OP_NEW:
            {
                final boolean buy = w.side[i] == PeerWorkload.SIDE_BUY;
                return ApiPlaceOrder.builder()
                    .orderId(orderId).uid(uid).symbol(symbol)
                    .action(buy ? OrderAction.BID : OrderAction.ASK)
                    .orderType(w.tif[i] == PeerWorkload.TIF_IOC ? OrderType.IOC : OrderType.GTC)
                    .price(w.priceTicks[i])
                    .size(w.qtyLots[i])
                    // A bid reserves quote currency at this price; moves may go up to the stream's maximum.
                    .reservePrice(buy ? w.priceMaxTicks : w.priceTicks[i])
                    .build();
            }
            case PeerWorkload.OP_CANCEL:
                return ApiCancelOrder.builder().orderId(orderId).uid(uid).symbol(symbol).build();
            case PeerWorkload.OP_MOVE:
                return ApiMoveOrder.builder().orderId(orderId).uid(uid).symbol(symbol).newPrice(w.priceTicks[i]).build();
            case PeerWorkload.OP_REDUCE:
                return ApiReduceOrder.builder().orderId(orderId).uid(uid).symbol(symbol).reduceSize(w.qtyLots[i]).build();
            default:
                throw new IllegalStateException("op " + w.op[i]);
        }
    }
}
