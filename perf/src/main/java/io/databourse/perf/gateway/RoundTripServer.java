package io.databourse.perf.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.databourse.exchange.DriverDuty;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.gateway.FixGateway;
import io.databourse.journal.idle.IdleStrategies;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.journal.schema.ExchangeStreams;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SystemEpochNanoClock;

/**
 * One server of the round-trip bench, in a JVM of its own (as the Artio peer is in its own), so
 * that the client's JVM measures every server alike:
 * <ul>
 *   <li>{@code --mode echo}: case (b), the gateway alone: the media driver and gateway of the
 *       embedded exchange, with an {@link EchoExecutor} on the matcher's streams in place of the
 *       matcher (its own thread, idling as the matcher does);</li>
 *   <li>{@code --mode full}: case (c), the whole path as {@code bin/databourse run} starts it:
 *       {@link EmbeddedExchange} with its gateway, sequencer, matcher and journal, demo reference
 *       data loaded, settlement tailing the journal with its positions endpoint, and the shadow
 *       matcher that writes snapshots beside them.</li>
 * </ul>
 * Both accept P1 (password {@value #PASSWORD}) without the demo sessions' throttle. Prints
 * {@code ROUND_TRIP_SERVER ready port=N} when orders can be sent, then serves until stdin says
 * {@code quit} or closes.
 */
public final class RoundTripServer implements AutoCloseable
{
    static final String PASSWORD = "p1-demo";
    static final String SYMBOL = "DATA.TRAFFIC.API";
    private static final String DEMO_REFERENCE_DATA = "/demo/reference-data.jsonl";

    private final Path dataDir;
    private final EmbeddedExchange exchange;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final EchoExecutor executor;
    private final DriverDuty driverDuty;
    private final AgentRunner executorRunner;
    private final FixGateway gateway;

    RoundTripServer(final String mode) throws IOException
    {
        dataDir = Files.createTempDirectory("databourse-round-trip-" + mode);
        final Path sessions = dataDir.resolve("bench-sessions.ini");
        // P1 of the demo reference data, without the demo sessions' throttle of 1000 messages/s.
        Files.write(sessions, List.of("[session]", "sessionId = 1", "senderCompId = DATABOURSE", "targetCompId = P1",
            "profile = exchange", "participant = P1", "username = P1",
            "passwordHash = " + io.databourse.edge.PasswordHash.hash(PASSWORD), "heartbeatIntervalMaxS = 300"));
        final ExchangeConfig config = new ExchangeConfig()
            .dataDir(dataDir.resolve("data"))
            .aeronDir("/dev/shm/databourse-round-trip-" + mode + "-" + ProcessHandle.current().pid())
            .fixEnabled(true)
            .fixPort(0)
            .fixSessionsFile(sessions.toString())
            // as bin/databourse run: settlement tails the journal and serves positions beside the order path,
            // and a shadow matcher follows it to write snapshots
            .positionsHttpPort("full".equals(mode) ? 0 : -1)
            .snapshotsEnabled("full".equals(mode));
        switch (mode)
        {
            case "full" ->
            {
                exchange = EmbeddedExchange.launch(config);
                gateway = exchange.gateway();
                driver = null;
                aeron = null;
                driverDuty = null;
                executor = null;
                executorRunner = null;
            }
            case "echo" ->
            {
                exchange = null;
                Files.createDirectories(config.dataDir());
                // the driver and the client as the embedded exchange runs them (on the executor's duty cycle
                // where the exchange would put them on the matcher's)
                final boolean invoked = DriverDuty.INVOKER.equals(config.driverMode());
                driver = MediaDriver.launch(EmbeddedExchange.driverContext(config.aeronDir(), invoked));
                aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.aeronDir()).preTouchMappedMemory(true)
                    .useConductorAgentInvoker(invoked));
                driverDuty = invoked ?
                    new DriverDuty(driver.sharedAgentInvoker(), aeron.conductorAgentInvoker()).startStandIn() : null;
                final ExpandableArrayBuffer product = new ExpandableArrayBuffer(512);
                parseProduct(product);
                executor = new EchoExecutor(
                    aeron.addSubscription(config.commandChannel(), ExchangeStreams.COMMAND_STREAM_ID),
                    aeron.addPublication(config.eventChannel(), ExchangeStreams.EVENT_STREAM_ID),
                    new SystemEpochNanoClock(), product, 0);
                executorRunner = new AgentRunner(IdleStrategies.configured(), Throwable::printStackTrace, null,
                    invoked ? new CompositeAgent(executor, driverDuty) : executor);
                AgentRunner.startOnThread(executorRunner);
                config.dataDir().resolve("fix-sessions").toFile().mkdirs();
                gateway = FixGateway.launch(EmbeddedExchange.gatewayContext(config, aeron));
            }
            default -> throw new IllegalArgumentException("--mode echo|full, not " + mode);
        }
        final long deadlineMs = System.currentTimeMillis() + 10_000;
        while (gateway.knownProductCount() == 0 && System.currentTimeMillis() < deadlineMs)
        {
            sleepMs(1);
        }
        if (gateway.knownProductCount() == 0)
        {
            close();
            throw new IllegalStateException("the gateway learnt no product within 10 s");
        }
    }

    /** The demo reference data's definition of {@value #SYMBOL}, as a journal-schema ProductCommand. */
    static void parseProduct(final ExpandableArrayBuffer out) throws IOException
    {
        try (InputStream in = EmbeddedExchange.class.getResourceAsStream(DEMO_REFERENCE_DATA))
        {
            if (null == in)
            {
                throw new IOException("no resource " + DEMO_REFERENCE_DATA);
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while (null != (line = reader.readLine()))
            {
                if (line.contains("\"type\":\"product\"") && line.contains("\"id\":\"" + SYMBOL + "\""))
                {
                    new JsonCommandParser().parse(line.trim(), out);
                    return;
                }
            }
        }
        catch (final io.databourse.journal.json.CommandFormatException ex)
        {
            throw new IOException(ex);
        }
        throw new IOException(SYMBOL + " is not in " + DEMO_REFERENCE_DATA);
    }

    int port()
    {
        return gateway.port();
    }

    /** The echo executor, or null for the full path. */
    EchoExecutor executor()
    {
        return executor;
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        if (null != exchange)
        {
            exchange.close();
        }
        else
        {
            CloseHelper.closeAll(gateway, executorRunner, driverDuty, aeron, driver);
        }
        try (Stream<Path> paths = Files.walk(dataDir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            System.out.println("ROUND_TRIP_SERVER could not delete " + dataDir + ": " + ex);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        String mode = null;
        for (int i = 0; i < args.length; i++)
        {
            if ("--mode".equals(args[i]) && i + 1 < args.length)
            {
                mode = args[++i];
            }
            else
            {
                throw new IllegalArgumentException("usage: RoundTripServer --mode echo|full");
            }
        }
        if (null == mode)
        {
            throw new IllegalArgumentException("usage: RoundTripServer --mode echo|full");
        }
        final RoundTripServer server = new RoundTripServer(mode);
        try
        {
            // where the matcher runs (the full path; the echo executor always has a thread of its own)
            final String matcher = "full".equals(mode) && new ExchangeConfig().matcherOnGatewayThread() ? "gateway" : "own";
            System.out.printf(Locale.ROOT, "ROUND_TRIP_SERVER ready port=%d mode=%s matcher=%s idle=%s driver=%s " +
                    "driver_idle=%s java=%s%n", server.port(), mode, matcher,
                System.getProperty(IdleStrategies.PROP, IdleStrategies.DEFAULT), DriverDuty.configuredMode(),
                System.getProperty(IdleStrategies.DRIVER_PROP, IdleStrategies.DRIVER_DEFAULT),
                System.getProperty("java.runtime.version"));
            System.out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)))
            {
                String line;
                while (null != (line = in.readLine()) && !"quit".equals(line.trim()))
                {
                    // nothing else is asked of a server
                }
            }
        }
        finally
        {
            server.close();
        }
        if (null != server.executor)
        {
            // read after close: the executor's thread has stopped
            System.out.printf(Locale.ROOT, "ROUND_TRIP_SERVER stats mode=%s answered=%d ignored=%d%n", mode,
                server.executor.answered(), server.executor.ignored());
        }
        System.exit(0);
    }
}
