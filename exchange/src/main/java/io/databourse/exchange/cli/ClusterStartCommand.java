package io.databourse.exchange.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.aeron.cluster.service.Cluster;
import io.databourse.cluster.node.ClusterMembers;
import io.databourse.cluster.node.ClusterNode;
import io.databourse.cluster.node.ClusterNodeContext;
import io.databourse.cluster.security.ClusterSecret;
import io.databourse.exchange.StaleAeronDirs;
import io.databourse.exchange.cluster.ClusterGateway;
import io.databourse.exchange.cluster.MemberProcesses;
import io.databourse.exchange.cluster.MemberSettlement;
import io.databourse.journal.files.OwnerOnly;
import org.agrona.CloseHelper;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code databourse cluster start}: either a whole cluster on this host (members as child
 * processes, and a FIX gateway here), or one member in this process.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
        "--nodes N (the default, 3): N members on 127.0.0.1, each in a process of its own, and a FIX gateway in " +
            "this one; the demo reference data is loaded into an empty cluster. Member i listens from " +
            "--base-port + 10*i and keeps its data in DATA-DIR/node-i (its output in DATA-DIR/node-i.log).",
        "--node I --members LIST --secret-file FILE: member I alone in this process, for one member a host. LIST is " +
            "every member's host:basePort, comma-separated, in member order, the same on every member.",
        "Ctrl-C stops what this command started; started again on the same data it recovers and rejoins."})
public final class ClusterStartCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Mode mode;

    /** A whole cluster, or one member. */
    static final class Mode
    {
        @Option(names = "--nodes", paramLabel = "N", description = "start N members here, each a process (1 to 9; 3 or 5 survive failures)")
        Integer nodes;

        @Option(names = "--node", paramLabel = "I", description = "start member I alone, in this process")
        Integer node;
    }

    @Option(names = "--members", paramLabel = "LIST", description = "with --node: every member's host:basePort, comma-separated")
    private String members;

    @Option(names = "--base-port", paramLabel = "N", description = "with --nodes: member i's ports from N + 10*i (default: 20000)")
    private Integer basePort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the members' data: DIR/node-i (default: ${DEFAULT-VALUE})")
    private Path dataDir = Path.of("data-cluster");

    @Option(names = "--fix-port", paramLabel = "N", description = "with --nodes: the gateway's FIX port on 127.0.0.1, 0 for any (default: ${DEFAULT-VALUE})")
    private int fixPort = 9880;

    @Option(names = "--fix-sessions", paramLabel = "FILE", description = "with --nodes: FIX sessions file (default: the demo sessions)")
    private String fixSessions;

    @Option(names = "--no-fix", description = "with --nodes: no FIX gateway")
    private boolean noFix;

    @Option(names = "--no-demo", description = "with --nodes: do not load the demo reference data into an empty cluster")
    private boolean noDemo;

    @Option(names = "--positions-port", paramLabel = "N",
        description = "settlement beside each member, tailing its journal, with positions on port N (+ i for member i with --nodes)")
    private Integer positionsPort;

    @Option(names = "--positions-credentials", paramLabel = "FILE", description = "with --positions-port: the positions API's logins, HTTP Basic: participant, role, salted password hash (default: the demo credentials)")
    private String positionsCredentials = "classpath:/demo/positions-credentials.txt";

    @Option(names = "--heartbeat-timeout-ms", paramLabel = "MS",
        description = "a leader silent this long is replaced (default: ${DEFAULT-VALUE}; raise it where pauses are longer)")
    private long heartbeatTimeoutMs = TimeUnit.NANOSECONDS.toMillis(ClusterNodeContext.LEADER_HEARTBEAT_TIMEOUT_DEFAULT_NS);

    @Option(names = "--election-timeout-ms", paramLabel = "MS", description = "how long a ballot waits for votes (default: ${DEFAULT-VALUE})")
    private long electionTimeoutMs = TimeUnit.NANOSECONDS.toMillis(ClusterNodeContext.ELECTION_TIMEOUT_DEFAULT_NS);

    @Option(names = "--snapshot-every-minutes", paramLabel = "N",
        description = "the leader asks for a snapshot every N minutes, 0 for never (default: ${DEFAULT-VALUE})")
    private long snapshotEveryMinutes = 60;

    @Option(names = "--member-heap", paramLabel = "SIZE", description = "with --nodes: each member's -Xmx (default: ${DEFAULT-VALUE})")
    private String memberHeap = "768m";

    @Option(names = "--secret-file", paramLabel = "FILE",
        description = "the secret clients must present: hex, owner-only, the same file on every member and gateway " +
            "(with --nodes, default DATA-DIR/cluster-secret, created if absent; with --node, required)")
    private Path secretFile;

    @Option(names = "--parent-pid", hidden = true, description = "stop when this process ends (the launcher of --nodes)")
    private Long parentPid;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (null != mode && null != mode.node)
        {
            return startMember(out);
        }
        return startCluster(out, null == mode || null == mode.nodes ? 3 : mode.nodes);
    }

    private static void cleanStaleAeronDirs(final PrintWriter out)
    {
        for (final String removed : StaleAeronDirs.clean(StaleAeronDirs.SHM))
        {
            out.println("removed " + removed);
        }
    }

    private CommandLine.ParameterException usage(final String message)
    {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private ClusterNodeContext nodeContext(
        final int memberId, final ClusterMembers clusterMembers, final byte[] secret, final PrintWriter out)
    {
        return new ClusterNodeContext()
            .memberId(memberId)
            .members(clusterMembers)
            .clientSecret(secret)
            .nodeDir(dataDir.resolve("node-" + memberId))
            .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(heartbeatTimeoutMs))
            .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(Math.max(1, heartbeatTimeoutMs / 10)))
            .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(electionTimeoutMs))
            .electionStatusIntervalNs(TimeUnit.MILLISECONDS.toNanos(Math.max(1, electionTimeoutMs / 10)))
            .log(line -> log(out, line));
    }

    private static void log(final PrintWriter out, final String line)
    {
        out.println(Instant.now() + " " + line);
        out.flush();
    }

    private int startMember(final PrintWriter out) throws InterruptedException
    {
        if (null == members)
        {
            throw usage("--node I needs --members host:basePort,host:basePort,...");
        }
        if (null != basePort)
        {
            throw usage("--base-port goes with --nodes; a member alone takes its ports from --members");
        }
        final ClusterMembers clusterMembers;
        try
        {
            clusterMembers = ClusterMembers.parse(members);
        }
        catch (final IllegalArgumentException ex)
        {
            throw usage("--members: " + ex.getMessage());
        }
        final int memberId = mode.node;
        if (memberId < 0 || memberId >= clusterMembers.count())
        {
            throw usage("--node " + memberId + " is not one of the " + clusterMembers.count() + " members (0 to " +
                (clusterMembers.count() - 1) + ")");
        }
        if (snapshotEveryMinutes < 0)
        {
            throw usage("--snapshot-every-minutes must be 0 (never) or more");
        }
        if (null == secretFile)
        {
            throw usage("--node I needs --secret-file FILE, the cluster's client secret (cluster start --nodes makes one)");
        }
        final byte[] secret = ClusterSecret.load(secretFile);
        cleanStaleAeronDirs(out);
        final ClusterNodeContext ctx = nodeContext(memberId, clusterMembers, secret, out);
        final ClusterNode node = ClusterNode.launch(ctx);
        MemberSettlement settlement = null;
        try
        {
            if (null != positionsPort)
            {
                settlement = MemberSettlement.launch(ctx.nodeDir(), positionsPort, positionsCredentials);
            }
        }
        catch (final RuntimeException ex)
        {
            node.close();
            throw ex;
        }
        final MemberSettlement consumers = settlement;
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            CloseHelper.closeAll(consumers, node);
            stopped.countDown();
        }, "databourse-member-shutdown"));
        if (null != parentPid)
        {
            ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        log(out, "cluster member " + memberId + " of " + clusterMembers.count() + " running: ingress " +
            clusterMembers.endpoint(memberId, ClusterMembers.INGRESS_OFFSET) + ", data " +
            ctx.nodeDir().toAbsolutePath() + ", aeron " + ctx.aeronDir() +
            (null == consumers ? "" : ", positions on http://127.0.0.1:" + consumers.positionsPort() + "/positions") +
            ". Ctrl-C stops.");
        long nextSnapshotNs = System.nanoTime() + TimeUnit.MINUTES.toNanos(snapshotEveryMinutes);
        while (!stopped.await(1, TimeUnit.SECONDS))
        {
            if (node.awaitTermination(0, TimeUnit.MILLISECONDS))
            {
                log(out, "cluster member " + memberId + " terminated");
                return 1;
            }
            if (snapshotEveryMinutes > 0 && System.nanoTime() - nextSnapshotNs >= 0)
            {
                // only the leader's request is acted on: it puts the snapshot in the log for every member
                if (Cluster.Role.LEADER == node.role() && node.requestSnapshot())
                {
                    log(out, "cluster member " + memberId + ": periodic snapshot requested");
                }
                nextSnapshotNs = System.nanoTime() + TimeUnit.MINUTES.toNanos(snapshotEveryMinutes);
            }
        }
        return 0;
    }

    private int startCluster(final PrintWriter out, final int count) throws IOException, InterruptedException
    {
        if (null != members)
        {
            throw usage("--members goes with --node; --nodes places its members on 127.0.0.1 from --base-port");
        }
        final int base = null == basePort ? 20_000 : basePort;
        final ClusterMembers clusterMembers;
        try
        {
            clusterMembers = ClusterMembers.onHost("127.0.0.1", base, count);
        }
        catch (final IllegalArgumentException ex)
        {
            throw usage(ex.getMessage());
        }
        if (fixPort < 0 || fixPort > 65535)
        {
            throw usage("--fix-port: 0 to 65535");
        }
        cleanStaleAeronDirs(out);
        OwnerOnly.createDirectories(dataDir);
        if (null == secretFile)
        {
            secretFile = dataDir.resolve("cluster-secret");
        }
        final byte[] secret = ClusterSecret.createIfAbsent(secretFile);
        final MemberProcesses processes = new MemberProcesses(memberHeap);
        // the gateway's views come from the journal holding the most records, read before the members append
        final int journalMember = ClusterGateway.mostAdvancedMemberJournal(dataDir, count);
        out.println("gateway reads member " + journalMember + "'s journal (" +
            ClusterGateway.memberJournal(dataDir, journalMember) + ")");
        ClusterGateway gateway = null;
        try
        {
            for (int i = 0; i < count; i++)
            {
                final Path log = dataDir.resolve("node-" + i + ".log");
                final Process process = processes.start(memberArgs(i, clusterMembers), log);
                out.println("member " + i + " starting (pid " + process.pid() + "), output in " + log);
            }
            out.flush();
            gateway = ClusterGateway.launch(new ClusterGateway.Settings()
                .members(clusterMembers)
                .secret(secret)
                .dataDir(dataDir)
                .fixPort(fixPort)
                // a member's journal: every member writes the same bytes, and this host has them all
                .journalDir(ClusterGateway.memberJournal(dataDir, journalMember))
                .fixSessionsFile(noFix ? null : null == fixSessions ? "classpath:/demo/fix-sessions.ini" : fixSessions)
                .bootstrapFile(noDemo ? null : "classpath:/demo/reference-data.jsonl")
                .log(line -> log(out, line)));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(gateway, processes);
            throw ex;
        }
        final ClusterGateway started = gateway;
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            CloseHelper.closeAll(started, processes);
            stopped.countDown();
        }, "databourse-cluster-shutdown"));
        out.println("DataBourse cluster running: " + count + " members " + clusterMembers + ", data " +
            dataDir.toAbsolutePath() + (started.bootstrapped() ? ", demo reference data loaded" : "") +
            (null == started.gateway() ? "" : ", FIX 4.4 on 127.0.0.1:" + started.gateway().port()) +
            ". `bin/databourse cluster status --data-dir " + dataDir + "` shows the members. Ctrl-C stops.");
        out.flush();
        while (!stopped.await(1, TimeUnit.SECONDS))
        {
            for (int i = 0; i < count; i++)
            {
                final Process process = processes.processes().get(i);
                if (!process.isAlive() && process.exitValue() != 0 && reported.add(i))
                {
                    log(out, "member " + i + " (pid " + process.pid() + ") exited with status " + process.exitValue() +
                        "; see " + dataDir.resolve("node-" + i + ".log"));
                }
            }
        }
        return 0;
    }

    private final java.util.Set<Integer> reported = new java.util.HashSet<>();

    private List<String> memberArgs(final int memberId, final ClusterMembers clusterMembers)
    {
        final List<String> args = new ArrayList<>(List.of(
            "cluster", "start",
            "--node", String.valueOf(memberId),
            "--members", clusterMembers.toString(),
            "--data-dir", dataDir.toAbsolutePath().toString(),
            "--heartbeat-timeout-ms", String.valueOf(heartbeatTimeoutMs),
            "--election-timeout-ms", String.valueOf(electionTimeoutMs),
            "--snapshot-every-minutes", String.valueOf(snapshotEveryMinutes),
            "--secret-file", secretFile.toAbsolutePath().toString(),
            "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        if (null != positionsPort)
        {
            args.addAll(List.of("--positions-port", String.valueOf(positionsPort + memberId),
                "--positions-credentials", positionsCredentials));
        }
        return args;
    }
}
