package io.databourse.exchange;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.databourse.journal.schema.ExchangeStreams;
import io.databourse.matcher.MatcherContext;

/** Where the exchange keeps its data and how it connects. Fluent, Aeron-context style. */
public final class ExchangeConfig
{
    private Path dataDir = Path.of("data");
    private String aeronDir = "/dev/shm/databourse-" + ProcessHandle.current().pid();
    private boolean embeddedDriver = true;
    private String commandChannel = ExchangeStreams.IPC_CHANNEL;
    private String eventChannel = ExchangeStreams.IPC_CHANNEL;
    private String bootstrapFile = "classpath:/demo/reference-data.jsonl";
    private MatcherContext matcherContext;
    /** Off unless asked for (the launcher's run turns it on): embedding code and benchmarks get no listener. */
    private boolean fixEnabled;
    private String fixHost = "127.0.0.1";
    private int fixPort = 9880;
    private String fixSessionsFile = "classpath:/demo/fix-sessions.ini";
    private int positionsHttpPort = -1;
    private int matcherCpu = -1;
    private String driverMode = DriverDuty.configuredMode();
    /** System property: {@code gateway} (default) or {@code own}, see {@link #matcherOnGatewayThread()}. */
    public static final String MATCHER_THREAD_PROP = "databourse.matcher.thread";
    private boolean matcherOnGatewayThread = matcherThreadFromProperty();
    /** System property: the default of {@link #journalPrefetchBytes(long)}, in MiB. */
    public static final String JOURNAL_PREFETCH_MB_PROP = "databourse.journal.prefetch.mb";
    private long journalPrefetchBytes = Long.getLong(JOURNAL_PREFETCH_MB_PROP, 16) << 20;
    private String positionsCredentials = "classpath:/demo/positions-credentials.txt";
    private boolean tls;
    private Path tlsCertificateChain;
    private Path tlsPrivateKey;

    /** TLS on the FIX acceptor and the HTTP server; off by default (the demo listens on loopback only). */
    public boolean tls()
    {
        return tls;
    }

    public ExchangeConfig tls(final boolean value)
    {
        tls = value;
        return this;
    }

    /**
     * The operator's certificate chain (PEM) and private key (PKCS#8 PEM) for TLS; when not set,
     * TLS uses a self-signed demo certificate made under {@code dataDir/tls} at first start.
     */
    public ExchangeConfig tlsCertificate(final Path certificateChain, final Path privateKey)
    {
        if ((null == certificateChain) != (null == privateKey))
        {
            throw new IllegalArgumentException("a TLS certificate needs its private key, and a key its certificate");
        }
        tlsCertificateChain = certificateChain;
        tlsPrivateKey = privateKey;
        return this;
    }

    public Path tlsCertificateChain()
    {
        return tlsCertificateChain;
    }

    public Path tlsPrivateKey()
    {
        return tlsPrivateKey;
    }

    /** System properties: the defaults of the snapshot settings. */
    public static final String SNAPSHOT_COMMANDS_PROP = "databourse.snapshot.commands";
    public static final String SNAPSHOT_SECONDS_PROP = "databourse.snapshot.seconds";
    public static final String SNAPSHOT_RETAIN_PROP = "databourse.snapshot.retain";
    /** Off unless asked for (the launcher's run turns them on): embedding code and benchmarks get no shadow matcher. */
    private boolean snapshotsEnabled;
    private long snapshotEveryCommands = Long.getLong(SNAPSHOT_COMMANDS_PROP, 1_000_000);
    private long snapshotEveryNs = Long.getLong(SNAPSHOT_SECONDS_PROP, 600) * 1_000_000_000L;
    private int snapshotsRetained = Integer.getInteger(SNAPSHOT_RETAIN_PROP, 3);
    private Consumer<String> log = line -> System.out.println(java.time.Instant.now() + " databourse: " + line);

    /** Whether a shadow matcher writes snapshots into {@code DATA/snapshots} (recovery uses any there anyway). */
    public boolean snapshotsEnabled()
    {
        return snapshotsEnabled;
    }

    public ExchangeConfig snapshotsEnabled(final boolean value)
    {
        snapshotsEnabled = value;
        return this;
    }

    /** A snapshot after this many commands since the last one (default 1,000,000). */
    public long snapshotEveryCommands()
    {
        return snapshotEveryCommands;
    }

    public ExchangeConfig snapshotEveryCommands(final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException("snapshot every " + value + " commands: at least one");
        }
        snapshotEveryCommands = value;
        return this;
    }

    /** Or after this much exchange time since the last one, with at least one command in it (default 10 minutes). */
    public long snapshotEveryNs()
    {
        return snapshotEveryNs;
    }

    public ExchangeConfig snapshotEveryNs(final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException("snapshot every " + value + " ns: a positive time");
        }
        snapshotEveryNs = value;
        return this;
    }

    /** How many of the newest snapshots are kept (default 3): older ones are deleted as new ones land. */
    public int snapshotsRetained()
    {
        return snapshotsRetained;
    }

    public ExchangeConfig snapshotsRetained(final int value)
    {
        if (value < 1)
        {
            throw new IllegalArgumentException("keep at least one snapshot: " + value);
        }
        snapshotsRetained = value;
        return this;
    }

    /** Where the exchange's operational lines go (recovery, snapshots skipped or stopped): stdout by default. */
    public Consumer<String> log()
    {
        return log;
    }

    public ExchangeConfig log(final Consumer<String> value)
    {
        log = value;
        return this;
    }

    private static boolean matcherThreadFromProperty()
    {
        final String value = System.getProperty(MATCHER_THREAD_PROP, "gateway");
        if (!"own".equals(value) && !"gateway".equals(value))
        {
            throw new IllegalArgumentException(MATCHER_THREAD_PROP + " must be own or gateway, not " + value);
        }
        return "gateway".equals(value);
    }

    /**
     * Whether the matcher runs on the FIX gateway's I/O thread (with the media driver too in invoker
     * mode) rather than a thread of its own, so that an order goes from socket to journal to
     * ExecutionReport on one thread; only with the gateway on ({@link #fixEnabled()}): a matcher
     * pinned to a CPU ({@link #matcherCpu()}) or without a gateway has a thread of its own. Default
     * true (measured on two cores: docs/perf.md, "The thread budget"), or from {@value #MATCHER_THREAD_PROP}.
     */
    public boolean matcherOnGatewayThread()
    {
        return matcherOnGatewayThread;
    }

    public ExchangeConfig matcherOnGatewayThread(final boolean value)
    {
        matcherOnGatewayThread = value;
        return this;
    }

    /**
     * How the embedded media driver runs: {@value DriverDuty#SHARED} (a thread of its own) or
     * {@value DriverDuty#INVOKER} (on the matcher's duty cycle, see {@link DriverDuty}); default
     * from {@value DriverDuty#MODE_PROP}.
     */
    public String driverMode()
    {
        return driverMode;
    }

    public ExchangeConfig driverMode(final String value)
    {
        if (!DriverDuty.SHARED.equals(value) && !DriverDuty.INVOKER.equals(value))
        {
            throw new IllegalArgumentException("driver mode " + DriverDuty.SHARED + " or " + DriverDuty.INVOKER +
                ", not " + value);
        }
        driverMode = value;
        return this;
    }

    /** Port of the live settlement and its authenticated positions endpoint; -1 (default) for neither, 0 for any free port. */
    public int positionsHttpPort()
    {
        return positionsHttpPort;
    }

    public ExchangeConfig positionsHttpPort(final int value)
    {
        positionsHttpPort = value;
        return this;
    }

    /** Password credentials (salted hashes) of the positions endpoint: a path, or classpath:/... for the demo ones. */
    public String positionsCredentials()
    {
        return positionsCredentials;
    }

    public ExchangeConfig positionsCredentials(final String value)
    {
        positionsCredentials = value;
        return this;
    }

    public boolean fixEnabled()
    {
        return fixEnabled;
    }

    public ExchangeConfig fixEnabled(final boolean value)
    {
        fixEnabled = value;
        return this;
    }

    public String fixHost()
    {
        return fixHost;
    }

    public ExchangeConfig fixHost(final String value)
    {
        fixHost = value;
        return this;
    }

    /** The CPU the matcher thread is pinned to, or -1 to leave it to the scheduler. */
    public int matcherCpu()
    {
        return matcherCpu;
    }

    /**
     * Pins the matcher thread to one CPU (Linux; a no-op where affinity is unavailable). On a small
     * machine this keeps the one busy thread of the exchange off the CPU the gateways and the OS use.
     */
    public ExchangeConfig matcherCpu(final int cpu)
    {
        // no upper bound here: availableProcessors() counts only the CPUs the calling thread may use
        if (cpu < -1)
        {
            throw new IllegalArgumentException("matcher CPU " + cpu + ": a CPU number, or -1 for none");
        }
        matcherCpu = cpu;
        return this;
    }

    /** How far ahead of the journal's writer its file is kept in memory by a prefetch thread; 0 for no such thread. */
    public long journalPrefetchBytes()
    {
        return journalPrefetchBytes;
    }

    /**
     * Sets how far ahead of the journal's writer a background thread reads the journal file, so
     * that the matcher's appends do not take the page faults of fresh pages (see
     * {@link io.databourse.journal.queue.JournalPrefetcher}); 0 turns the thread off.
     */
    public ExchangeConfig journalPrefetchBytes(final long value)
    {
        if (value != 0 && value < (1 << 20))
        {
            throw new IllegalArgumentException("journal prefetch of " + value + " bytes: 0 (off) or at least 1 MiB");
        }
        journalPrefetchBytes = value;
        return this;
    }

    /** 0 picks a free port (tests). */
    public int fixPort()
    {
        return fixPort;
    }

    public ExchangeConfig fixPort(final int value)
    {
        fixPort = value;
        return this;
    }

    /** The FIX sessions file: a path, or classpath:/... for the bundled demo sessions. */
    public String fixSessionsFile()
    {
        return fixSessionsFile;
    }

    public ExchangeConfig fixSessionsFile(final String value)
    {
        fixSessionsFile = value;
        return this;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public ExchangeConfig dataDir(final Path value)
    {
        dataDir = value;
        return this;
    }

    public String aeronDir()
    {
        return aeronDir;
    }

    public ExchangeConfig aeronDir(final String value)
    {
        aeronDir = value;
        return this;
    }

    public boolean embeddedDriver()
    {
        return embeddedDriver;
    }

    /** False when a media driver already runs for {@link #aeronDir()} (another process owns it). */
    public ExchangeConfig embeddedDriver(final boolean value)
    {
        embeddedDriver = value;
        return this;
    }

    public String commandChannel()
    {
        return commandChannel;
    }

    public ExchangeConfig commandChannel(final String value)
    {
        commandChannel = value;
        return this;
    }

    public String eventChannel()
    {
        return eventChannel;
    }

    public ExchangeConfig eventChannel(final String value)
    {
        eventChannel = value;
        return this;
    }

    /** Reference data (JSON lines) loaded when the journal is empty; null for none. */
    public String bootstrapFile()
    {
        return bootstrapFile;
    }

    public ExchangeConfig bootstrapFile(final String value)
    {
        bootstrapFile = value;
        return this;
    }

    public MatcherContext matcherContext()
    {
        if (null == matcherContext)
        {
            matcherContext = new MatcherContext().conclude();
        }
        return matcherContext;
    }

    public ExchangeConfig matcherContext(final MatcherContext value)
    {
        matcherContext = value;
        return this;
    }
}
