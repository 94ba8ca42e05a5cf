package io.databourse.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.aeron.Aeron;
import io.databourse.edge.LogonGuard;
import io.databourse.edge.PasswordVerifier;
import io.databourse.edge.RefusalLog;
import io.databourse.edge.ServerTls;
import io.databourse.gateway.FixGateway;
import io.databourse.gateway.ExchangeLinkContext;
import io.databourse.gateway.GatewayContext;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionsFile;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.console.ConsoleContext;
import io.databourse.console.ConsoleServer;
import io.databourse.console.command.AeronCommandSink;
import io.databourse.settlement.http.Credentials;
import io.databourse.settlement.http.HttpAuthenticator;
import io.databourse.settlement.http.PositionsHttpContext;
import io.databourse.settlement.http.PositionsHttpServer;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.files.OwnerOnly;
import io.databourse.journal.idle.IdleStrategies;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalPrefetcher;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.ExchangeStreams;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherAgent;
import io.databourse.matcher.SnapshotAgent;
import io.databourse.matcher.snapshot.SnapshotStore;
import io.netty.handler.ssl.SslContext;
import org.agrona.CloseHelper;
import org.agrona.LangUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The exchange in one process: an embedded Aeron media driver (one shared thread), the journal,
 * and the matcher agent on its own thread, recovered from the journal before it takes a command.
 * Gateways in this process or others (sharing the Aeron directory for IPC, or over UDP) send
 * commands on {@link ExchangeStreams#COMMAND_STREAM_ID} and read records on
 * {@link ExchangeStreams#EVENT_STREAM_ID}.
 */
public final class EmbeddedExchange implements AutoCloseable
{
    /**
     * IPC term length, Aeron's default: the publication window is half a term, 32 MiB, a sixth of a
     * second of commands at full rate, enough to ride out the media driver's parks and a thread's
     * lost time slices. 16 MiB terms (8 MiB windows) cost a quarter of sustained pipeline throughput
     * (1.55M against 1.86–2.08M cmd/s over 3M commands). Three terms a stream, allocated up front.
     */
    static final int IPC_TERM_LENGTH = 64 * 1024 * 1024;
    /** Up to 32 KiB of journal records per egress message, unfragmented (UDP caps Aeron MTUs near 64 KiB). */
    static final int IPC_MTU_LENGTH = 32 * 1024;


    private final MediaDriver driver;
    private final Aeron aeron;
    private final Journal journal;
    private final JournalWriter writer;
    private final DriverDuty driverDuty;
    private final AgentRunner matcherRunner;
    private final AgentRunner prefetchRunner;
    private final MatcherAgent agent;
    private final JournalRecovery.Recovered recovery;
    private String referenceDataLoaded;
    private final SnapshotAgent snapshotAgent;
    private final AgentRunner snapshotRunner;
    private final FixGateway gateway;
    private final SettlementPipeline settlement;
    private final ConsoleServer console;
    private final DataDirLock dataDirLock;
    /** TLS of the FIX acceptor and the HTTP server, or null for plain TCP. */
    private SslContext tls;
    /** What the constructor has started so far, to close in reverse if a later step fails. */
    private final List<AutoCloseable> opened = new ArrayList<>();

    private EmbeddedExchange(final ExchangeConfig config)
    {
        try
        {
            // first: a directory another exchange runs on is refused before anything in it is touched
            dataDirLock = opened(DataDirLock.acquire(config.dataDir()));
            // every participant's orders and positions: a directory left open by an older version is closed
            OwnerOnly.restrictTree(config.dataDir());
            // invoker: the driver and this process's Aeron client run on the matcher's duty cycle (DriverDuty)
            final boolean invoked = config.embeddedDriver() && DriverDuty.INVOKER.equals(config.driverMode());
            driver = opened(config.embeddedDriver() ? MediaDriver.launch(driverContext(config.aeronDir(), invoked)) : null);
            aeron = opened(Aeron.connect(new Aeron.Context().aeronDirectoryName(config.aeronDir())
                .preTouchMappedMemory(true).useConductorAgentInvoker(invoked)));
            driverDuty = invoked ?
                opened(new DriverDuty(driver.sharedAgentInvoker(), aeron.conductorAgentInvoker()).startStandIn()) : null;
            journal = opened(Journal.open(config.dataDir().resolve("journal")));

            final SnapshotStore snapshots = new SnapshotStore(config.dataDir().resolve("snapshots"), config.snapshotsRetained());
            try
            {
                recovery = JournalRecovery.recover(journal, snapshots, config.matcherContext(), config.log());
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalStateException("the journal in " + config.dataDir().resolve("journal") +
                    " cannot be recovered: " + ex.getMessage(), ex);
            }
            final Matcher matcher = recovery.matcher();
            writer = opened(journal.writer());
            final Subscription commands = aeron.addSubscription(config.commandChannel(), ExchangeStreams.COMMAND_STREAM_ID);
            final Publication events = aeron.addPublication(config.eventChannel(), ExchangeStreams.EVENT_STREAM_ID);
            // while egress is back-pressured the matcher waits for a limit that only the driver moves
            agent = new MatcherAgent(matcher, writer, commands, events, new SystemEpochNanoClock(),
                invoked ? driverDuty.invokingWhileIdle(IdleStrategies.configured()) : IdleStrategies.configured());
            // the shadow that writes snapshots recovers on its own thread as the matcher did, then follows the
            // journal: off the matching thread, which never pauses; the start-up does not wait for it
            snapshotAgent = config.snapshotsEnabled() ? SnapshotAgent.recovering(config.matcherContext(), journal,
                snapshots, config.snapshotEveryCommands(), config.snapshotEveryNs(), config.log()) : null;
            if (matcher.lastSeq() == 0 && null != config.bootstrapFile())
            {
                bootstrap(config.bootstrapFile());
            }
            // the matcher's duty (and the driver's, invoked) on a thread of its own, or on the gateway's
            // I/O thread: then the whole order path is one thread (docs/perf.md, "The thread budget")
            final Agent matcherDuty = invoked ? new CompositeAgent(agent, driverDuty) : agent;
            // a matcher pinned to a CPU is on a thread of its own, which that CPU keeps for it
            final boolean onGatewayThread = config.fixEnabled() && config.matcherOnGatewayThread() && config.matcherCpu() < 0;
            if (onGatewayThread)
            {
                matcherRunner = null;
            }
            else
            {
                matcherRunner = opened(new AgentRunner(IdleStrategies.configured(), Throwable::printStackTrace, null,
                    matcherDuty));
                if (config.matcherCpu() >= 0)
                {
                    AgentRunner.startOnThread(matcherRunner, CpuPinning.threadsOn(config.matcherCpu()));
                }
                else
                {
                    AgentRunner.startOnThread(matcherRunner);
                }
            }
            if (null != snapshotAgent)
            {
                // a follower of the journal: parks up to a millisecond when it has caught up, never spins
                snapshotRunner = opened(new AgentRunner(new BackoffIdleStrategy(1, 1, 1_000, 1_000_000),
                    Throwable::printStackTrace, null, snapshotAgent));
                AgentRunner.startOnThread(snapshotRunner);
            }
            else
            {
                snapshotRunner = null;
            }
            if (config.journalPrefetchBytes() > 0)
            {
                // background work paced by the journal's growth: short reads between sleeps, never a core for long
                prefetchRunner = opened(new AgentRunner(JournalPrefetcher.pacedIdleStrategy(), Throwable::printStackTrace,
                    null, new JournalPrefetcher(writer, config.journalPrefetchBytes())));
                AgentRunner.startOnThread(prefetchRunner);
            }
            else
            {
                prefetchRunner = null;
            }
            tls = config.tls() ? tlsContext(config) : null;
            gateway = config.fixEnabled() ? opened(launchGateway(config, onGatewayThread ? matcherDuty : null)) : null;
            if (config.positionsHttpPort() >= 0)
            {
                // settlement tails the journal like any downstream consumer; it never writes back
                // the index stage's values reach FIX clients through the gateway's index symbols
                settlement = opened(new SettlementPipeline(new SettlementContext()
                    .journalDir(config.dataDir().resolve("journal"))
                    .stateDir(config.dataDir().resolve("settlement"))
                    .batch(false)
                    .indexValueListener(null == gateway || null == gateway.indexes() ? null :
                        gateway.indexes()::onIndexValue)
                    .conclude()).start());
                console = opened(launchConsole(config));
            }
            else
            {
                settlement = null;
                console = null;
            }
        }
        catch (final Throwable ex)
        {
            // a failed start leaves nothing running: no thread keeps the JVM alive, no driver directory stays behind
            // (Netty throws its checked bind failure undeclared, so everything is caught here)
            closeOpened();
            LangUtil.rethrowUnchecked(ex);
            throw ex;
        }
    }

    private <T extends AutoCloseable> T opened(final T resource)
    {
        if (null != resource)
        {
            opened.add(resource);
        }
        return resource;
    }

    private void closeOpened()
    {
        for (int i = opened.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(opened.get(i));
        }
        opened.clear();
    }

    /** The operator's certificate, or the demo's self-signed one under dataDir/tls (made at first start). */
    private static SslContext tlsContext(final ExchangeConfig config)
    {
        if (null != config.tlsCertificateChain())
        {
            return ServerTls.fromPem(config.tlsCertificateChain().toFile(), config.tlsPrivateKey().toFile());
        }
        return ServerTls.demo(config.dataDir().resolve("tls"));
    }

    /** Where clients find the certificate to trust: the demo's, when TLS is on without the operator's. */
    public Path tlsCertificate(final ExchangeConfig config)
    {
        if (null == tls)
        {
            return null;
        }
        return null != config.tlsCertificateChain() ? config.tlsCertificateChain() :
            config.dataDir().resolve("tls").resolve(ServerTls.DEMO_CERTIFICATE);
    }

    /**
     * The web console and, beside it on the same port, the positions JSON API. The console is a
     * gateway: its commands go to the matcher on the command stream like the FIX gateway's, and what
     * it shows comes from the journal and settlement's views.
     */
    private ConsoleServer launchConsole(final ExchangeConfig config)
    {
        final Credentials credentials = loadCredentials(config.positionsCredentials());
        // one password checker for the port: the console's logins and the positions API's Basic
        // credentials share its thread, its remembered logins and its lockouts
        final RefusalLog refusals = new RefusalLog(line -> System.out.println(java.time.Instant.now() + " http " + line));
        final HttpAuthenticator authenticator = new HttpAuthenticator(credentials, opened(new PasswordVerifier()),
            new LogonGuard(), refusals, SystemEpochClock.INSTANCE, PositionsHttpContext.REMEMBER_LOGIN_MS_DEFAULT);
        final ConsoleContext ctx = new ConsoleContext()
            .port(config.positionsHttpPort())
            .tls(tls)
            .authenticator(authenticator)
            .journalDir(config.dataDir().resolve("journal"))
            .pipeline(settlement)
            .credentials(credentials)
            .commandSink(new AeronCommandSink(
                opened(aeron.addPublication(config.commandChannel(), ExchangeStreams.COMMAND_STREAM_ID))))
            .positionsHandler(PositionsHttpServer.handlers(new PositionsHttpContext()
                .pipeline(settlement)
                .credentials(credentials), authenticator));
        if (null != gateway)
        {
            ctx.addMetricsSource(new GatewayMetrics(gateway));
        }
        // the surveillance stage runs in settlement's pipeline: its alerts and counts for the regulator
        ctx.alertFeed(new SurveillanceFeed(settlement.surveillance()))
            .addMetricsSource(new SurveillanceMetricsSource(settlement.surveillance().surveillance().metrics()));
        try
        {
            return ConsoleServer.launch(ctx);
        }
        catch (final Exception ex) // Netty's bind failure is a checked exception thrown undeclared
        {
            throw new IllegalStateException("cannot serve the console on 127.0.0.1:" + config.positionsHttpPort(), ex);
        }
    }

    private static Credentials loadCredentials(final String pathOrResource)
    {
        try
        {
            return Credentials.load(pathOrResource);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read positions credentials " + pathOrResource, ex);
        }
    }

    /**
     * The embedded media driver's settings: one shared thread (or none, {@code invoked}: see
     * {@link DriverDuty}), IPC terms and MTU sized for the matcher's egress. Public so that a bench
     * can run another executor behind the same driver.
     */
    public static MediaDriver.Context driverContext(final String aeronDir, final boolean invoked)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(invoked ? ThreadingMode.INVOKER : ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleStrategies.driverConfigured())
            // its name resolutions and file creations on the conductor, not on a thread of its own that
            // wakes every millisecond (over IPC there is nothing to resolve); Aeron's property still decides
            .asyncExecutorEnabled(Boolean.parseBoolean(
                System.getProperty(io.aeron.driver.Configuration.ASYNC_EXECUTOR_ENABLED_PROP_NAME, "false")))
            .ipcTermBufferLength(IPC_TERM_LENGTH)
            // egress packs a duty cycle's records into one message up to the MTU's payload
            .ipcMtuLength(IPC_MTU_LENGTH)
            // log buffers allocated and zeroed when created, not page by page on the hot path
            .termBufferSparseFile(false)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
    }

    /** The web console (serving the positions API too), or null when settlement is off. */
    public ConsoleServer console()
    {
        return console;
    }

    /** The HTTP port of the console and the positions API, or -1 when not serving. */
    public int httpPort()
    {
        return null == console ? -1 : console.port();
    }

    /** The FIX gateway in this process, sharing the Aeron client: commands in on 1001, records back on 1002. */
    private FixGateway launchGateway(final ExchangeConfig config, final Agent ioDuty)
    {
        final GatewayContext context = gatewayContext(config, aeron).ioDuty(ioDuty)
            .tls(tls)
            .sessionLog(line -> System.out.println(java.time.Instant.now() + " " + line));
        // the gateway rebuilds its views (book, orders, products) from the journal before it takes a connection
        context.exchangeLink().journalDir(config.dataDir().resolve("journal"));
        try
        {
            return FixGateway.launch(context);
        }
        catch (final Exception ex) // Netty's bind failure is a checked exception thrown undeclared
        {
            throw new IllegalStateException("cannot listen for FIX on " + config.fixHost() + ":" + config.fixPort(), ex);
        }
    }

    /**
     * The gateway's settings for a configuration: its sessions file, its address and the exchange's
     * channels. Public so that a bench can put the same gateway in front of another executor.
     */
    public static GatewayContext gatewayContext(final ExchangeConfig config, final Aeron aeron)
    {
        final String file = config.fixSessionsFile();
        final List<SessionConfig> sessions;
        try (InputStream in = open(file))
        {
            sessions = SessionsFile.parse(
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(Collectors.toList()), file);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read FIX sessions " + file, ex);
        }
        return new GatewayContext()
            .bindHost(config.fixHost())
            .port(config.fixPort())
            .sessions(sessions)
            .sequenceStoreDir(config.dataDir().resolve("fix-sessions").toFile())
            .exchangeLink(new ExchangeLinkContext()
                .aeron(aeron)
                .commandChannel(config.commandChannel())
                .eventChannel(config.eventChannel()));
    }

    /** The FIX gateway, or null when disabled. */
    public FixGateway gateway()
    {
        return gateway;
    }

    /**
     * Starts the exchange on its data directory, which it locks for its life ({@link DataDirLock}):
     * a directory another exchange runs on is refused, naming the holder.
     */
    public static EmbeddedExchange launch(final ExchangeConfig config)
    {
        if (config.matcherCpu() < 0)
        {
            return new EmbeddedExchange(config);
        }
        // The matcher's CPU is its own: every other thread started here (media driver, Aeron client,
        // gateway, settlement) inherits a CPU set without it. The matcher thread pins itself onto it.
        final java.util.BitSet launcherCpus = CpuPinning.currentCpus();
        CpuPinning.keepCurrentThreadOff(config.matcherCpu());
        try
        {
            return new EmbeddedExchange(config);
        }
        finally
        {
            CpuPinning.restore(launcherCpus);
        }
    }

    /**
     * Loads a fresh exchange's reference data (JSON command lines) through the sequencer, as
     * operator commands, before any gateway traffic: they are journaled like everything else.
     */
    private void bootstrap(final String resourceOrPath)
    {
        final SystemEpochNanoClock clock = new SystemEpochNanoClock();
        final UnsafeBuffer command = new UnsafeBuffer(0, 0);
        int commands = 0;
        for (final byte[] bytes : ReferenceDataFile.commands(resourceOrPath))
        {
            command.wrap(bytes);
            agent.sequencer().sequenceNow(clock.nanoTime(), command, 0, bytes.length);
            agent.sequencer().flush();
            commands++;
        }
        referenceDataLoaded = "reference data loaded from " + resourceOrPath + ": " + commands + " commands, last seq " +
            recovery.matcher().lastSeq();
    }

    /** What the first start loaded into a new journal, or null when the journal was not new. */
    public String referenceDataLoaded()
    {
        return referenceDataLoaded;
    }

    /** A file, or a resource of the launcher named {@code classpath:/...} (the demo data). */
    public static InputStream open(final String resourceOrPath) throws IOException
    {
        if (resourceOrPath.startsWith("classpath:"))
        {
            final InputStream in = EmbeddedExchange.class.getResourceAsStream(resourceOrPath.substring(10));
            if (null == in)
            {
                throw new IOException("no resource " + resourceOrPath);
            }
            return in;
        }
        return Files.newInputStream(Path.of(resourceOrPath));
    }

    public Aeron aeron()
    {
        return aeron;
    }

    /** Journal records replayed at start (after the snapshot recovery began from, if any). */
    public long recoveredRecords()
    {
        return recovery.recordsReplayed();
    }

    /** How the matcher was recovered at start: from which snapshot, how many records replayed, how long. */
    public JournalRecovery.Recovered recovery()
    {
        return recovery;
    }

    /** The agent writing snapshots, or null when snapshots are off. */
    public SnapshotAgent snapshotAgent()
    {
        return snapshotAgent;
    }

    public Journal journal()
    {
        return journal;
    }

    @Override
    public void close()
    {
        // front to back: stop taking FIX traffic, then the matcher, then what it writes to
        CloseHelper.closeAll(console, settlement, gateway, matcherRunner, snapshotRunner, prefetchRunner, writer,
            driverDuty, journal, aeron, driver, dataDirLock);
    }
}
