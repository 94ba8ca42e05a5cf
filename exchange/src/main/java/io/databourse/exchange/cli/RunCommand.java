package io.databourse.exchange.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.exchange.StaleAeronDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code databourse run}: the exchange embedded in this process, until Ctrl-C. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Starts the exchange embedded: media driver, matcher recovered from the journal, FIX gateway, " +
            "settlement, the web console and the positions endpoint. Loads the demo reference data into an empty journal.",
        "Ctrl-C stops it; the next run recovers everything from the journal."})
public final class RunCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "journal and state directory (default: ${DEFAULT-VALUE})")
    private Path dataDir = Path.of("data");

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "the media driver's directory (default: /dev/shm/databourse-<pid>)")
    private String aeronDir;

    @Option(names = "--no-demo", description = "do not load the demo reference data into an empty journal")
    private boolean noDemo;

    @Option(names = "--fix-port", paramLabel = "N", description = "FIX 4.4 acceptor port on 127.0.0.1, 0 for any (default: ${DEFAULT-VALUE})")
    private int fixPort = 9880;

    @Option(names = "--fix-sessions", paramLabel = "FILE", description = "FIX sessions file (default: the demo sessions)")
    private String fixSessions;

    @Option(names = "--no-fix", description = "no FIX gateway")
    private boolean noFix;

    @Option(names = {"--http-port", "--positions-port"}, paramLabel = "N",
        description = "HTTP port on 127.0.0.1 of the web console and the positions API, 0 for any (default: ${DEFAULT-VALUE})")
    private int positionsPort = 8480;

    @Option(names = "--positions-credentials", paramLabel = "FILE",
        description = "console logins and positions API: participant, role, salted password hash (default: the demo credentials)")
    private String positionsCredentials;

    @Option(names = "--tls", description = "TLS on the FIX acceptor and the HTTP server (default: off; the demo " +
        "listens on 127.0.0.1 only). Without --tls-cert, a self-signed demo certificate is made in DIR/tls at first start")
    private boolean tls;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "certificate chain for --tls (PEM), with --tls-key")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "private key for --tls (PKCS#8 PEM, unencrypted), with --tls-cert")
    private Path tlsKey;

    @Option(names = "--no-settlement", description = "no settlement consumers, no console and no positions endpoint")
    private boolean noSettlement;

    @Option(names = "--matcher-cpu", paramLabel = "N", description = "pin the matcher to CPU N on a thread of its own (not the gateway's) and keep the other threads off it")
    private int matcherCpu = -1;

    @Option(names = "--journal-prefetch-mb", paramLabel = "N",
        description = "how far ahead of the journal's writer to keep the file in memory, MiB, 0 = off (default: 16, or -D" +
        ExchangeConfig.JOURNAL_PREFETCH_MB_PROP + ")")
    private Long journalPrefetchMb;

    @Option(names = "--no-snapshots", description = "no shadow matcher writing snapshots (recovery still uses any in DIR/snapshots)")
    private boolean noSnapshots;

    @Option(names = "--snapshot-every-commands", paramLabel = "N",
        description = "a snapshot after N commands (default: 1000000, or -D" + ExchangeConfig.SNAPSHOT_COMMANDS_PROP + ")")
    private Long snapshotEveryCommands;

    @Option(names = "--snapshot-every-seconds", paramLabel = "T",
        description = "or after T seconds of exchange time with a command in them (default: 600, or -D" +
        ExchangeConfig.SNAPSHOT_SECONDS_PROP + ")")
    private Long snapshotEverySeconds;

    @Option(names = "--snapshots-kept", paramLabel = "N",
        description = "the newest N snapshots are kept (default: 3, or -D" + ExchangeConfig.SNAPSHOT_RETAIN_PROP + ")")
    private Integer snapshotsKept;

    @Override
    public Integer call() throws InterruptedException
    {
        final ExchangeConfig config = config();
        final PrintWriter out = spec.commandLine().getOut();
        for (final String removed : StaleAeronDirs.clean(StaleAeronDirs.SHM))
        {
            out.println("removed " + removed);
        }
        final EmbeddedExchange exchange = EmbeddedExchange.launch(config);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            exchange.close();
            stopped.countDown();
        }, "databourse-shutdown"));
        out.println("DataBourse running: data " + config.dataDir().toAbsolutePath() +
            ", " + exchange.recovery().describe() + ", aeron " + config.aeronDir() +
            " (commands stream 1001, events stream 1002 on aeron:ipc)" +
            (null == exchange.gateway() ? "" : ", FIX 4.4 on " + config.fixHost() + ":" + exchange.gateway().port()) +
            (null == exchange.console() ? "" :
            ", console on " + (config.tls() ? "https" : "http") + "://127.0.0.1:" + exchange.httpPort() +
            "/ (positions API at /positions, price indexes at /indexes)") +
            ". Ctrl-C stops.");
        if (null != exchange.referenceDataLoaded())
        {
            out.println(exchange.referenceDataLoaded());
        }
        if (null != exchange.gateway())
        {
            out.println("FIX gateway " + exchange.gateway().viewsRebuilt());
        }
        if (config.tls())
        {
            out.println("TLS on FIX and HTTP; clients trust " + exchange.tlsCertificate(config).toAbsolutePath());
        }
        out.flush();
        stopped.await();
        return 0;
    }

    ExchangeConfig config()
    {
        final ExchangeConfig config = new ExchangeConfig().dataDir(dataDir);
        if (null != aeronDir)
        {
            config.aeronDir(aeronDir);
        }
        if (noDemo)
        {
            config.bootstrapFile(null);
        }
        config.fixEnabled(!noFix);
        config.fixPort(fixPort);
        if (null != fixSessions)
        {
            config.fixSessionsFile(fixSessions);
        }
        config.positionsHttpPort(noSettlement ? -1 : positionsPort);
        if (null != positionsCredentials)
        {
            config.positionsCredentials(positionsCredentials);
        }
        config.matcherCpu(matcherCpu);
        if ((null == tlsCert) != (null == tlsKey) || (null != tlsCert && !tls))
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--tls-cert and --tls-key go together, with --tls");
        }
        config.tls(tls).tlsCertificate(tlsCert, tlsKey);
        if (null != journalPrefetchMb)
        {
            if (journalPrefetchMb < 0)
            {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--journal-prefetch-mb must be 0 or more, not " + journalPrefetchMb);
            }
            config.journalPrefetchBytes(journalPrefetchMb << 20);
        }
        config.snapshotsEnabled(!noSnapshots);
        try
        {
            if (null != snapshotEveryCommands)
            {
                config.snapshotEveryCommands(snapshotEveryCommands);
            }
            if (null != snapshotEverySeconds)
            {
                config.snapshotEveryNs(Math.multiplyExact(snapshotEverySeconds, 1_000_000_000L));
            }
            if (null != snapshotsKept)
            {
                config.snapshotsRetained(snapshotsKept);
            }
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "snapshot settings: " + ex.getMessage());
        }
        if (fixPort < 0 || fixPort > 65535 || positionsPort < 0 || positionsPort > 65535)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "ports are 0..65535");
        }
        return config;
    }
}
