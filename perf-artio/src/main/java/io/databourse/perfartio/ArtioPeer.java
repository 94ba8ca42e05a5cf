package io.databourse.perfartio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;
import uk.co.real_logic.artio.CommonConfiguration;
import uk.co.real_logic.artio.engine.DefaultEngineScheduler;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.EngineScheduler;
import uk.co.real_logic.artio.engine.FixEngine;
import uk.co.real_logic.artio.engine.LowResourceEngineScheduler;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.LibraryConfiguration;
import uk.co.real_logic.artio.messages.InitialAcceptedSessionOwner;
import uk.co.real_logic.artio.validation.AuthenticationStrategy;

/**
 * The Artio peer of the FIX round-trip bench, in a JVM of its own (Artio 0.175 brings Aeron 1.50.0
 * and Agrona 2.4.0, ours are 1.51.0 and 2.6.0). The topology people use to compare FIX engines,
 * the same shape as DataBourse's gateway in front of an echo executor:
 * <pre>
 *   client --TCP--> Artio engine (framer) --aeron:ipc--> library thread: OrderEntry --aeron:ipc--> EchoExecutor
 *          <--TCP-- (framer)              <--aeron:ipc-- (ExecutionReport)          <--aeron:ipc-- (accepted)
 * </pre>
 * Configured as Artio's own samples and benchmark server are (ArchivingMediaDriver, library and
 * engine over {@code aeron:ipc}, sessions owned by the sole library), with the two-core settings of
 * docs/perf.md ("The Artio peer"): every choice is an option, so that each can be measured.
 * <pre>
 *   --port N              FIX port on 127.0.0.1 (0 or absent: a free one)
 *   --dir DIR             Artio's logs and the archive (default: a new temp directory, deleted at exit)
 *   --aeron-dir DIR       the media driver's directory (default /dev/shm/databourse-artio-peer-PID)
 *   --scheduler default|low-resource   framer, archiver and monitoring threads (default), or the engine's agents on one
 *   --idle linger|backoff|yield        framer, library and executor threads (the driver and archive back off)
 *   --log-messages true|false          Artio's archive of inbound and outbound messages (resend, sequence numbers)
 *   --username U --password P          the one logon accepted
 * </pre>
 * Prints {@code ARTIO_PEER ready port=N} once the library is connected and the port bound, then
 * serves until stdin says {@code quit} or closes; prints {@code ARTIO_PEER stats ...} at the end.
 */
public final class ArtioPeer implements AutoCloseable
{
    /** Our "linger" (journal/idle/IdleStrategies): spin, then ~5 ms of yields after work, then park up to 1 ms. */
    static final int LINGER_YIELDS = 10_000;

    private final Options options;
    private final Path dir;
    private final boolean ownsDir;
    private final ArchivingMediaDriver driver;
    private final FixEngine engine;
    private final Aeron aeron;
    private final FixLibrary library;
    private final OrderEntry orderEntry;
    private final EchoExecutor executor;
    private final AgentRunner orderEntryRunner;
    private final AgentRunner executorRunner;

    /** The peer's settings; see the class comment. */
    static final class Options
    {
        int port;
        Path dir;
        String aeronDir = "/dev/shm/databourse-artio-peer-" + ProcessHandle.current().pid();
        /** Measured on two cores (docs/perf.md): lower p99 than low-resource in 11 of 13 A/B pairs, more CPU. */
        String scheduler = "default";
        String idle = "linger";
        boolean logMessages = true;
        String username = "P1";
        String password = "p1-demo";

        static Options parse(final String[] args)
        {
            final Options o = new Options();
            for (int i = 0; i < args.length; i++)
            {
                final String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--port" -> o.port = Integer.parseInt(value);
                    case "--dir" -> o.dir = Path.of(value);
                    case "--aeron-dir" -> o.aeronDir = value;
                    case "--scheduler" -> o.scheduler = value;
                    case "--idle" -> o.idle = value;
                    case "--log-messages" -> o.logMessages = Boolean.parseBoolean(value);
                    case "--username" -> o.username = value;
                    case "--password" -> o.password = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see ArtioPeer's comment");
                }
                i++;
            }
            idleStrategy(o.idle);
            scheduler(o.scheduler);
            return o;
        }

        @Override
        public String toString()
        {
            return "scheduler=" + scheduler + " idle=" + idle + " log_messages=" + logMessages;
        }
    }

    static IdleStrategy idleStrategy(final String name)
    {
        return switch (name)
        {
            case "linger" -> new BackoffIdleStrategy(100, LINGER_YIELDS, 1_000, TimeUnit.MILLISECONDS.toNanos(1));
            case "backoff" -> CommonConfiguration.backoffIdleStrategy();
            case "yield" -> new YieldingIdleStrategy();
            default -> throw new IllegalArgumentException("unknown idle strategy " + name + ": linger, backoff or yield");
        };
    }

    static EngineScheduler scheduler(final String name)
    {
        return switch (name)
        {
            case "low-resource" -> new LowResourceEngineScheduler();
            case "default" -> new DefaultEngineScheduler();
            default -> throw new IllegalArgumentException("unknown scheduler " + name + ": low-resource or default");
        };
    }

    ArtioPeer(final Options options) throws IOException
    {
        this.options = options;
        ownsDir = null == options.dir;
        dir = ownsDir ? Files.createTempDirectory("databourse-artio-peer") : options.dir;
        final int port = 0 == options.port ? freePort() : options.port;

        // Driver and archive as Artio's example exchange runs them: one shared thread each, backing off.
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(options.aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(CommonConfiguration.backoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(options.aeronDir)
            .archiveDir(dir.resolve("archive").toFile())
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(CommonConfiguration::backoffIdleStrategy)
            .deleteArchiveOnStart(true)
            // control over IPC only: no UDP endpoints on a shared machine
            .controlChannelEnabled(false)
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel(CommonContext.IPC_CHANNEL))
            .replicationChannel("aeron:udp?endpoint=localhost:0");
        driver = ArchivingMediaDriver.launch(driverContext, archiveContext);

        final EngineConfiguration engineConfiguration = new EngineConfiguration()
            .bindTo("127.0.0.1", port)
            .libraryAeronChannel(CommonContext.IPC_CHANNEL)
            .logFileDir(dir.resolve("logs").toString())
            .deleteLogFileDirOnStart(true)
            .logInboundMessages(options.logMessages)
            .logOutboundMessages(options.logMessages)
            .initialAcceptedSessionOwner(InitialAcceptedSessionOwner.SOLE_LIBRARY)
            .framerIdleStrategy(idleStrategy(options.idle))
            .archiverIdleStrategy(CommonConfiguration.backoffIdleStrategy())
            .scheduler(scheduler(options.scheduler));
        final AuthenticationStrategy passwordCheck = logon -> options.username.equals(logon.usernameAsString()) &&
            options.password.equals(logon.passwordAsString());
        engineConfiguration.authenticationStrategy(passwordCheck);
        engineConfiguration.monitoringThreadIdleStrategy(new SleepingMillisIdleStrategy(10));
        engineConfiguration.monitoringFile(dir.resolve("engine-monitoring").toString());
        engineConfiguration.aeronContext().aeronDirectoryName(options.aeronDir);
        final AeronArchive.Context archiveClient = engineConfiguration.aeronArchiveContext();
        archiveClient.aeronDirectoryName(options.aeronDir)
            .controlRequestChannel(CommonContext.IPC_CHANNEL)
            .controlResponseChannel(CommonContext.IPC_CHANNEL);
        engine = FixEngine.launch(engineConfiguration);

        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(options.aeronDir));
        final Publication commands = aeron.addExclusivePublication(CommonContext.IPC_CHANNEL, 1001);
        final Subscription commandsIn = aeron.addSubscription(CommonContext.IPC_CHANNEL, 1001);
        final Publication answers = aeron.addExclusivePublication(CommonContext.IPC_CHANNEL, 1002);
        final Subscription answersIn = aeron.addSubscription(CommonContext.IPC_CHANNEL, 1002);
        executor = new EchoExecutor(commandsIn, answers, new SystemEpochNanoClock());
        orderEntry = new OrderEntry(commands, answersIn);

        final LibraryConfiguration libraryConfiguration = new LibraryConfiguration()
            .libraryAeronChannels(Collections.singletonList(CommonContext.IPC_CHANNEL))
            .sessionAcquireHandler(orderEntry);
        libraryConfiguration.aeronContext().aeronDirectoryName(options.aeronDir);
        libraryConfiguration.monitoringFile(dir.resolve("library-monitoring").toString());
        library = FixLibrary.connect(libraryConfiguration);
        orderEntry.library(library);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!library.isConnected())
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("the Artio library did not connect to its engine within 30 s");
            }
            library.poll(10);
            Thread.yield();
        }
        executorRunner = new AgentRunner(idleStrategy(options.idle), Throwable::printStackTrace, null, executor);
        orderEntryRunner = new AgentRunner(idleStrategy(options.idle), Throwable::printStackTrace, null, orderEntry);
        AgentRunner.startOnThread(executorRunner);
        AgentRunner.startOnThread(orderEntryRunner);
        options.port = port;
    }

    int port()
    {
        return options.port;
    }

    OrderEntry orderEntry()
    {
        return orderEntry;
    }

    EchoExecutor executor()
    {
        return executor;
    }

    /** A port nothing listens on now (Artio binds a given port; the bench and tests want any free one). */
    static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    @Override
    public void close()
    {
        // front to back: the application threads, then the library and engine, then Aeron
        CloseHelper.closeAll(orderEntryRunner, executorRunner, library, engine, aeron, driver);
        if (ownsDir)
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final Options options = Options.parse(args);
        try (ArtioPeer peer = new ArtioPeer(options))
        {
            System.out.println("ARTIO_PEER ready port=" + peer.port() + " " + options + " java=" +
                System.getProperty("java.runtime.version"));
            System.out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)))
            {
                String line;
                while (null != (line = in.readLine()) && !"quit".equals(line.trim()))
                {
                    // nothing else is asked of the peer
                }
            }
            System.out.printf(Locale.ROOT, "ARTIO_PEER stats orders_in=%d reports_out=%d orders_refused=%d " +
                    "executor_answered=%d executor_refused=%d%n", peer.orderEntry.ordersIn(), peer.orderEntry.reportsOut(),
                peer.orderEntry.ordersRefused(), peer.executor.answered(), peer.executor.commandsRefused());
        }
        System.exit(0);
    }
}
