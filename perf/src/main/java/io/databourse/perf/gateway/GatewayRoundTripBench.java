package io.databourse.perf.gateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.databourse.perf.gateway.RoundTripClient.RunResult;

/**
 * The FIX round trip, side by side: NewOrderSingle in → first ExecutionReport out over loopback
 * TCP, the same open-loop client ({@link RoundTripClient}), rates and messages for every server,
 * each server in a JVM of its own ({@link ServerProcess}):
 * <pre>
 *  bench JVM                      server JVMs (all started first, warmed up, then measured in turn)
 *  +------------------+  TCP   (a) artio:        Artio engine → library → aeron:ipc → echo executor → back
 *  | sender (planned  | -----> (b) gateway_echo: our gateway  → aeron:ipc → echo executor → back
 *  |  send times)     | <----- (c) full_path:    our gateway  → aeron:ipc → sequencer + matcher + journal → back
 *  | receiver         |
 *  +------------------+   latency = first ExecutionReport for order j read − planned send time of j
 * </pre>
 * Rates rise; at each rate every server still in the race runs once, in an order that rotates from
 * rate to rate, so that a change of machine load hits them alike. A server leaves the race after
 * the first rate it could not keep up with (throughput), not at a latency miss: on a shared 2-core
 * machine a tail spike at a low rate says little about the rates above it. A rate is
 * <em>sustained</em> when every order was answered, without a reject, at an achieved rate of at
 * least 95 % of the target, with p99 at most {@code --p99-max-us} (default 1 ms).
 * <p>{@code main}: {@code [--quick] [--rates 1000,5000] [--seconds S] [--warmup-seconds S]
 * [--warmup-rate R] [--out FILE] [--p99-max-us N] [--artio-jar JAR] [--server NAME=KIND[:ARGS]]...}.
 * KIND is {@code artio}, {@code echo} or {@code full}; ARGS (space-separated) go to the Artio peer's
 * command line, or are JVM options ({@code -Dk=v}) of ours: {@code --server a=full --server
 * b=full:-Ddatabourse.idle=backoff} is an A/B of two JVMs, interleaved. Without {@code --server}:
 * {@code artio=artio}, {@code gateway_echo=echo}, {@code full_path=full}. Writes
 * perf/results/gateway.json (or FILE) and prints every figure.
 */
public final class GatewayRoundTripBench
{
    static final long[] FULL_RATES =
        {1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 40_000, 60_000, 80_000, 100_000, 120_000, 150_000};
    static final long[] QUICK_RATES = {1_000, 5_000, 10_000, 20_000, 30_000, 40_000, 60_000, 80_000};
    static final String ARTIO = "artio";
    static final String GATEWAY_ECHO = "gateway_echo";
    static final String FULL_PATH = "full_path";
    /** Issue 20's goal for the full path. */
    static final long FULL_PATH_GOAL_PER_S = 20_000;

    private GatewayRoundTripBench()
    {
    }

    /** One server of a run: how to start it, and what it measured. */
    static final class Server
    {
        final String name;
        final String kind;
        final List<String> args;
        final List<RunResult> results = new ArrayList<>();
        /** What the server's process spent during each of {@link #results}, or null where /proc cannot tell. */
        final List<ProcessCost> costs = new ArrayList<>();
        /** The same for the bench's own process (the client) during each run, or null. */
        final List<ProcessCost> clientCosts = new ArrayList<>();
        ServerProcess process;
        RoundTripClient client;
        RunResult warmup;
        boolean racing = true;
        boolean rejectPrinted;

        Server(final String name, final String kind, final List<String> args)
        {
            this.name = name;
            this.kind = kind;
            this.args = args;
        }

        /** {@code NAME=KIND[:ARGS]}. */
        static Server parse(final String spec)
        {
            final int eq = spec.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("--server NAME=KIND[:ARGS], not " + spec);
            }
            final String rest = spec.substring(eq + 1);
            final int colon = rest.indexOf(':');
            final String kind = colon < 0 ? rest : rest.substring(0, colon);
            if (!List.of(ARTIO, "echo", "full").contains(kind))
            {
                throw new IllegalArgumentException("server kind artio, echo or full, not " + kind);
            }
            final List<String> args = colon < 0 || rest.substring(colon + 1).isBlank() ? List.of() :
                Arrays.asList(rest.substring(colon + 1).trim().split("\\s+"));
            return new Server(spec.substring(0, eq), kind, args);
        }

        long maxSustained()
        {
            return results.stream().filter(RunResult::sustained).mapToLong(RunResult::targetPerS).max().orElse(0);
        }

        long maxKeptUp()
        {
            return results.stream().filter(RunResult::keptUp).mapToLong(RunResult::targetPerS).max().orElse(0);
        }

        RunResult at(final long rate)
        {
            return results.stream().filter(r -> r.targetPerS() == rate).findFirst().orElse(null);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        boolean quick = false;
        long[] rates = null;
        double seconds = -1;
        double warmupSeconds = -1;
        // 50,000 orders quick: past JIT compilation, and past the growth of the gateway's resend index
        // (SessionStore keeps the last 100,000 sent messages' positions; two reports an order)
        long warmupRate = 10_000;
        double p99MaxUs = 1_000;
        Path artioJar = Path.of("perf-artio", "target", "perf-artio.jar");
        final List<Server> servers = new ArrayList<>();
        Path out = Files.isDirectory(Path.of("perf")) ? Path.of("perf", "results", "gateway.json") :
            Path.of("results", "gateway.json");
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick" -> quick = true;
                case "--rates" -> rates = parseRates(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--warmup-rate" -> warmupRate = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--p99-max-us" -> p99MaxUs = Double.parseDouble(args[++i]);
                case "--artio-jar" -> artioJar = Path.of(args[++i]);
                case "--server" -> servers.add(Server.parse(args[++i]));
                default -> throw new IllegalArgumentException("usage: GatewayRoundTripBench [--quick] [--rates R1,R2] " +
                    "[--seconds S] [--warmup-seconds S] [--warmup-rate R] [--out FILE] [--p99-max-us N] " +
                    "[--artio-jar JAR] [--server NAME=KIND[:ARGS]]...");
            }
        }
        if (servers.isEmpty())
        {
            servers.add(new Server(ARTIO, ARTIO, List.of()));
            servers.add(new Server(GATEWAY_ECHO, "echo", List.of()));
            servers.add(new Server(FULL_PATH, "full", List.of()));
        }
        rates = null == rates ? (quick ? QUICK_RATES : FULL_RATES) : rates;
        seconds = seconds > 0 ? seconds : quick ? 2 : 10;
        warmupSeconds = warmupSeconds > 0 ? warmupSeconds : quick ? 5 : 10;
        System.out.printf(Locale.ROOT, "GATEWAY_RTT %d CPUs, load average %.2f; servers %s%n",
            Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), servers.stream().map(s -> s.name).toList());
        try
        {
            for (final Server s : servers)
            {
                s.process = ARTIO.equals(s.kind) ? ServerProcess.artio(artioJar, s.args) :
                    ServerProcess.databourse(s.name, s.kind, s.args);
                s.client = RoundTripClient.connect(s.process.port(), "P1", RoundTripServer.PASSWORD);
                s.client.logon();
            }
            for (final Server s : servers)
            {
                s.warmup = s.client.run(warmupRate, warmupSeconds, p99MaxUs);
                print(s.name, "warmup", s.warmup);
                printFirstReject(s);
                if (null != s.warmup.failure())
                {
                    // compiled by now, if overwhelmed on a busy machine: a new session races from a clean start
                    System.out.println("GATEWAY_RTT " + s.name + " reconnects after its warm-up failed");
                    s.client.close();
                    s.client = reconnect(s);
                }
            }
            for (int i = 0; i < rates.length; i++)
            {
                for (int k = 0; k < servers.size(); k++)
                {
                    final Server s = servers.get((i + k) % servers.size());
                    if (!s.racing)
                    {
                        continue;
                    }
                    final ProcessCost before = ProcessCost.of(s.process.pid());
                    final ProcessCost clientBefore = ProcessCost.of(ProcessHandle.current().pid());
                    final RunResult r = s.client.run(rates[i], seconds, p99MaxUs);
                    final ProcessCost clientAfter = ProcessCost.of(ProcessHandle.current().pid());
                    final ProcessCost after = ProcessCost.of(s.process.pid());
                    s.results.add(r);
                    s.costs.add(null == before || null == after ? null : after.since(before));
                    s.clientCosts.add(null == clientBefore || null == clientAfter ? null : clientAfter.since(clientBefore));
                    print(s.name, "rate", r);
                    printCost(s.name, r, s.costs.get(s.costs.size() - 1));
                    printFirstReject(s);
                    // not kept up, or the server ended the session (e.g. its event queue for it overflowed)
                    s.racing = r.keptUp();
                }
            }
        }
        finally
        {
            for (final Server s : servers)
            {
                closeQuietly(s);
            }
        }
        for (final Server s : servers)
        {
            System.out.printf(Locale.ROOT, "GATEWAY_RTT %s max_sustained_rate=%d orders/s (p99 <= %.0f us, all answered, " +
                "achieved >= 95%% of target); max_kept_up_rate=%d orders/s (throughput only)%n", s.name, s.maxSustained(),
                p99MaxUs, s.maxKeptUp());
        }
        final Map<String, Object> goals = goals(servers);
        goals.forEach((k, v) -> System.out.println("GATEWAY_RTT goal " + k + ": " + v));
        final String json = RoundTripJson.write(servers, goals, quick, seconds, warmupSeconds, warmupRate, p99MaxUs, args);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.println("wrote " + out);
    }

    /**
     * A new session for a server whose last one failed: the server may still be closing the old one
     * (it refuses a second logon of a session meanwhile), so a refused logon is retried for a while.
     */
    private static RoundTripClient reconnect(final Server s) throws IOException, InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + 30_000;
        while (true)
        {
            final RoundTripClient client = RoundTripClient.connect(s.process.port(), "P1", RoundTripServer.PASSWORD);
            try
            {
                client.logon();
                return client;
            }
            catch (final IOException ex)
            {
                client.close();
                if (System.currentTimeMillis() > deadlineMs)
                {
                    throw ex;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void printCost(final String server, final RunResult r, final ProcessCost cost)
    {
        if (null != cost && r.orders() > 0)
        {
            System.out.printf(Locale.ROOT, "GATEWAY_RTT %s cost target=%d/s cpu=%.0fms cpu_per_order=%.1fus " +
                    "wakeups_per_order=%.2f preemptions_per_order=%.2f run_queue_wait=%.0fms threads=%d%n", server,
                r.targetPerS(), cost.cpuMs(), cost.cpuMs() * 1000 / r.orders(), (double)cost.voluntarySwitches() / r.orders(),
                (double)cost.involuntarySwitches() / r.orders(), cost.runQueueWaitNs() / 1e6, cost.threads());
        }
    }

    private static void printFirstReject(final Server s)
    {
        if (null != s.client.firstReject() && !s.rejectPrinted)
        {
            s.rejectPrinted = true;
            System.out.println("GATEWAY_RTT " + s.name + " first reject: " + s.client.firstReject());
        }
    }

    private static void closeQuietly(final Server s)
    {
        try
        {
            if (null != s.client)
            {
                s.client.close();
            }
        }
        catch (final IOException ex)
        {
            System.out.println("GATEWAY_RTT " + s.name + ": closing the client: " + ex);
        }
        if (null != s.process)
        {
            s.process.close();
        }
    }

    /**
     * Issue 20's goals, when the run has the three servers: (b) beats (a) on p99 at every rate both
     * measured and on sustained rate; (c) sustains 20,000 orders/s with p99 within the bound.
     */
    static Map<String, Object> goals(final List<Server> servers)
    {
        final Map<String, Object> goals = new LinkedHashMap<>();
        final Server a = find(servers, ARTIO);
        final Server b = find(servers, GATEWAY_ECHO);
        final Server c = find(servers, FULL_PATH);
        if (null != a && null != b)
        {
            final List<String> lost = new ArrayList<>();
            for (final RunResult rb : b.results)
            {
                final RunResult ra = a.at(rb.targetPerS());
                if (null != ra && rb.us(99) >= ra.us(99))
                {
                    lost.add(String.format(Locale.ROOT, "%d/s: %.0f us vs %.0f us", rb.targetPerS(), rb.us(99), ra.us(99)));
                }
            }
            goals.put("gateway_echo beats artio on p99 at every rate", lost.isEmpty() ? "met" : "NOT met at " + lost);
            goals.put("gateway_echo beats artio on sustained rate", String.format(Locale.ROOT, "%s: %d vs %d orders/s",
                b.maxSustained() > a.maxSustained() ? "met" : "NOT met", b.maxSustained(), a.maxSustained()));
        }
        if (null != c)
        {
            goals.put("full_path sustains " + FULL_PATH_GOAL_PER_S + " orders/s", String.format(Locale.ROOT, "%s: %d orders/s",
                c.maxSustained() >= FULL_PATH_GOAL_PER_S ? "met" : "NOT met", c.maxSustained()));
        }
        return goals;
    }

    private static Server find(final List<Server> servers, final String name)
    {
        return servers.stream().filter(s -> s.name.equals(name)).findFirst().orElse(null);
    }

    private static long[] parseRates(final String list)
    {
        return Arrays.stream(list.split(",")).mapToLong(r -> Long.parseLong(r.trim())).toArray();
    }

    private static void print(final String server, final String what, final RunResult r)
    {
        System.out.printf(Locale.ROOT, "GATEWAY_RTT %s %s target=%d/s achieved=%.0f/s orders=%d answered=%d reports=%d " +
                "rejects=%d p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus load=%.2f%s%s%n", server, what,
            r.targetPerS(), r.achievedPerS(), r.orders(), r.answered(), r.reports(), r.rejects(), r.us(50), r.us(90), r.us(99),
            r.us(99.9), r.histogram().getMaxValue() / 1000.0, r.loadAverage(), r.sustained() ? "" : " NOT_SUSTAINED",
            null == r.failure() ? "" : " FAILED: " + r.failure());
    }
}
