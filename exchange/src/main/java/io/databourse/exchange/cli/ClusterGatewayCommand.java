package io.databourse.exchange.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.databourse.cluster.node.ClusterMembers;
import io.databourse.cluster.security.ClusterSecret;
import io.databourse.exchange.StaleAeronDirs;
import io.databourse.exchange.cluster.ClusterGateway;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code databourse cluster gateway}: a FIX gateway alone, a client of a cluster started elsewhere. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
        "A FIX gateway whose exchange is a cluster (started with cluster start --node on each member): it follows " +
            "the leader, and its FIX sessions stay up when the leader changes. Loads the demo reference data into " +
            "an empty cluster unless --no-demo. Ctrl-C stops."})
public final class ClusterGatewayCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--members", paramLabel = "LIST", required = true,
        description = "every member's host:basePort, comma-separated, in member order")
    private String members;

    @Option(names = "--secret-file", paramLabel = "FILE", required = true,
        description = "the cluster's client secret (hex, owner-only; cluster start --nodes writes DATA-DIR/cluster-secret)")
    private Path secretFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the FIX sessions' stores: DIR/fix-sessions (default: ${DEFAULT-VALUE})")
    private Path dataDir = Path.of("data-gateway");

    @Option(names = "--fix-host", paramLabel = "HOST", description = "FIX listening address (default: ${DEFAULT-VALUE})")
    private String fixHost = "127.0.0.1";

    @Option(names = "--fix-port", paramLabel = "N", description = "FIX port, 0 for any (default: ${DEFAULT-VALUE})")
    private int fixPort = 9880;

    @Option(names = "--fix-sessions", paramLabel = "FILE", description = "FIX sessions file (default: the demo sessions)")
    private String fixSessions = "classpath:/demo/fix-sessions.ini";

    @Option(names = "--egress-host", paramLabel = "HOST", description = "the address members send records to (default: ${DEFAULT-VALUE})")
    private String egressHost = "127.0.0.1";

    @Option(names = "--journal-dir", paramLabel = "DIR",
        description = "a member's journal on this host (its DATA-DIR/node-i/journal), read only: the gateway rebuilds " +
            "its order views from it at start and fills gaps from it; without it they start empty")
    private Path journalDir;

    @Option(names = "--no-demo", description = "do not load the demo reference data into an empty cluster")
    private boolean noDemo;

    @Override
    public Integer call() throws InterruptedException
    {
        final ClusterMembers clusterMembers;
        try
        {
            clusterMembers = ClusterMembers.parse(members);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--members: " + ex.getMessage());
        }
        if (fixPort < 0 || fixPort > 65535)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fix-port: 0 to 65535");
        }
        if (null != journalDir && !Files.isDirectory(journalDir))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--journal-dir: " + journalDir +
                " is not a directory (a member's DATA-DIR/node-i/journal)");
        }
        final byte[] secret = ClusterSecret.load(secretFile);
        final PrintWriter out = spec.commandLine().getOut();
        for (final String removed : StaleAeronDirs.clean(StaleAeronDirs.SHM))
        {
            out.println("removed " + removed);
        }
        final ClusterGateway gateway = ClusterGateway.launch(new ClusterGateway.Settings()
            .members(clusterMembers)
            .secret(secret)
            .dataDir(dataDir)
            .fixHost(fixHost)
            .fixPort(fixPort)
            .fixSessionsFile(fixSessions)
            .egressHost(egressHost)
            .journalDir(journalDir)
            .bootstrapFile(noDemo ? null : "classpath:/demo/reference-data.jsonl")
            .log(line ->
            {
                out.println(Instant.now() + " " + line);
                out.flush();
            }));
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            gateway.close();
            stopped.countDown();
        }, "databourse-gateway-shutdown"));
        out.println("DataBourse cluster gateway running: FIX 4.4 on " + fixHost + ":" + gateway.gateway().port() +
            ", members " + clusterMembers + (gateway.bootstrapped() ? ", demo reference data loaded" : "") +
            ". Ctrl-C stops.");
        out.flush();
        stopped.await();
        return 0;
    }
}
