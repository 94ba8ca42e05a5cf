package io.databourse.exchange.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.aeron.driver.MediaDriver;
import io.databourse.cluster.client.ClusterClientDriver;
import io.databourse.cluster.client.ClusterLink;
import io.databourse.cluster.client.ClusterLinkContext;
import io.databourse.cluster.node.ClusterMembers;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ReferenceDataFile;
import io.databourse.gateway.FixGateway;
import io.databourse.gateway.ExchangeLinkContext;
import io.databourse.gateway.GatewayContext;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionsFile;
import io.databourse.journal.queue.Journal;
import org.agrona.CloseHelper;
import org.agrona.LangUtil;

/**
 * A FIX gateway in this process whose exchange is a cluster: a media driver of its own (UDP to
 * the members), the reference data loaded into an empty cluster first, then the gateway with a
 * {@link ClusterLink} behind its ExchangeLink seam. The same gateway code as {@code run}'s.
 */
public final class ClusterGateway implements AutoCloseable
{
    private final MediaDriver driver;
    private final FixGateway gateway;
    private volatile ClusterLink link;
    private final boolean bootstrapped;

    private ClusterGateway(final Settings settings)
    {
        MediaDriver startedDriver = null;
        FixGateway startedGateway = null;
        boolean loaded = false;
        try
        {
            startedDriver = ClusterClientDriver.launch(settings.aeronDir);
            final String aeronDir = startedDriver.aeronDirectoryName();
            if (null != settings.bootstrapFile)
            {
                final List<byte[]> commands = ReferenceDataFile.commands(settings.bootstrapFile);
                try (ClusterLink bootstrapLink = new ClusterLink(linkContext(settings, aeronDir, "bootstrap")))
                {
                    loaded = ClusterBootstrap.loadIfEmpty(bootstrapLink, commands, settings.connectTimeout);
                }
            }
            if (null != settings.fixSessionsFile)
            {
                if (null != settings.journalDir)
                {
                    awaitJournal(settings);
                }
                startedGateway = FixGateway.launch(new GatewayContext()
                    .bindHost(settings.fixHost)
                    .port(settings.fixPort)
                    .sessions(sessions(settings.fixSessionsFile))
                    .sequenceStoreDir(settings.dataDir.resolve("fix-sessions").toFile())
                    .exchangeLink(new ExchangeLinkContext()
                        .linkFactory(ctx -> link = new ClusterLink(linkContext(settings, aeronDir, "gateway")))
                        // a member's journal, as run's gateway reads the matcher's: views rebuilt at start, gaps filled
                        .journalDir(settings.journalDir))
                    .sessionLog(settings.log));
                settings.log.accept("gateway: " + startedGateway.viewsRebuilt());
            }
        }
        catch (final Throwable ex)
        {
            CloseHelper.quietCloseAll(startedGateway, startedDriver);
            LangUtil.rethrowUnchecked(ex);
        }
        this.driver = startedDriver;
        this.gateway = startedGateway;
        this.bootstrapped = loaded;
    }

    /**
     * Waits for the member to have created its journal (at its start; on a first start the gateway
     * may be up before the member), so that the views can be rebuilt from it.
     */
    private static void awaitJournal(final Settings settings) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + settings.connectTimeout.toNanos();
        while (!hasFiles(settings.journalDir))
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("no journal in " + settings.journalDir + " after " +
                    settings.connectTimeout + ": the member whose journal the gateway reads did not start");
            }
            Thread.sleep(50);
        }
    }

    private static boolean hasFiles(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            return files.findAny().isPresent();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** Member {@code memberId}'s journal under a cluster's data directory (DATA-DIR/node-i/journal). */
    public static Path memberJournal(final Path clusterDataDir, final int memberId)
    {
        return clusterDataDir.resolve("node-" + memberId).resolve("journal");
    }

    /**
     * Of the first {@code members} members' journals under a cluster's data directory, the one that
     * holds the most records (the lowest member on a tie, member 0 when none exists yet): every member
     * journals the same records, but one that was down when the cluster stopped holds fewer, and the
     * views rebuilt from it would miss the rest. Read before the members start appending again.
     */
    public static int mostAdvancedMemberJournal(final Path clusterDataDir, final int members)
    {
        int best = 0;
        long bestSeq = -1;
        for (int i = 0; i < members; i++)
        {
            final Path dir = memberJournal(clusterDataDir, i);
            if (hasFiles(dir))
            {
                final long lastSeq;
                try (Journal journal = Journal.openReadOnly(dir))
                {
                    lastSeq = journal.lastSeq();
                }
                if (lastSeq > bestSeq)
                {
                    best = i;
                    bestSeq = lastSeq;
                }
            }
        }
        return best;
    }

    private static ClusterLinkContext linkContext(final Settings settings, final String aeronDir, final String name)
    {
        return new ClusterLinkContext()
            .aeronDirectoryName(aeronDir)
            .ingressEndpoints(settings.members.ingressEndpoints())
            .secret(settings.secret)
            .egressHost(settings.egressHost)
            .log(line -> settings.log.accept(name + ": " + line));
    }

    private static List<SessionConfig> sessions(final String file)
    {
        try (InputStream in = EmbeddedExchange.open(file))
        {
            return SessionsFile.parse(
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(Collectors.toList()), file);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read FIX sessions " + file, ex);
        }
    }

    public static ClusterGateway launch(final Settings settings)
    {
        return new ClusterGateway(settings);
    }

    /** The FIX gateway, or null when started without one. */
    public FixGateway gateway()
    {
        return gateway;
    }

    /** The gateway's link to the cluster (its counters: leader changes, interruptions, commands resent). */
    public ClusterLink link()
    {
        return link;
    }

    /** Whether the reference data was loaded (the cluster was empty). */
    public boolean bootstrapped()
    {
        return bootstrapped;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(gateway, driver);
    }

    /** What a cluster gateway needs. */
    public static final class Settings
    {
        ClusterMembers members;
        byte[] secret;
        Path dataDir = Path.of("data-cluster");
        String aeronDir = "/dev/shm/databourse-gateway-" + ProcessHandle.current().pid();
        String egressHost = "127.0.0.1";
        String fixHost = "127.0.0.1";
        int fixPort = 9880;
        String fixSessionsFile = "classpath:/demo/fix-sessions.ini";
        String bootstrapFile = "classpath:/demo/reference-data.jsonl";
        Duration connectTimeout = Duration.ofSeconds(60);
        Path journalDir;
        Consumer<String> log = line -> { };

        public Settings members(final ClusterMembers members)
        {
            this.members = members;
            return this;
        }

        /** The cluster's secret, which its members require of a client (ClusterSecret). */
        public Settings secret(final byte[] secret)
        {
            this.secret = secret;
            return this;
        }

        /** Where the FIX sessions' stores live (fix-sessions/). */
        public Settings dataDir(final Path dataDir)
        {
            this.dataDir = dataDir;
            return this;
        }

        public Settings aeronDir(final String aeronDir)
        {
            this.aeronDir = aeronDir;
            return this;
        }

        /** The address the members send this gateway its records to. */
        public Settings egressHost(final String egressHost)
        {
            this.egressHost = egressHost;
            return this;
        }

        public Settings fixHost(final String fixHost)
        {
            this.fixHost = fixHost;
            return this;
        }

        /** 0 for any free port. */
        public Settings fixPort(final int fixPort)
        {
            this.fixPort = fixPort;
            return this;
        }

        /** The sessions file; null for no FIX gateway (only the bootstrap). */
        public Settings fixSessionsFile(final String fixSessionsFile)
        {
            this.fixSessionsFile = fixSessionsFile;
            return this;
        }

        /** Reference data for an empty cluster; null for none. */
        public Settings bootstrapFile(final String bootstrapFile)
        {
            this.bootstrapFile = bootstrapFile;
            return this;
        }

        /** How long to wait for a leader before giving up. */
        public Settings connectTimeout(final Duration connectTimeout)
        {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * A cluster member's journal directory on this host (read, never written), from which the
         * gateway rebuilds its views at start and fills gaps in the records it receives, as
         * {@code run}'s gateway does from the matcher's journal; null (the default) for none: the
         * views then start empty.
         */
        public Settings journalDir(final Path journalDir)
        {
            this.journalDir = journalDir;
            return this;
        }

        public Settings log(final Consumer<String> log)
        {
            this.log = log;
            return this;
        }
    }
}
