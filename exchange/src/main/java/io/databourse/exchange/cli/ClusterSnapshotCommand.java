package io.databourse.exchange.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.aeron.cluster.ClusterTool;
import io.databourse.cluster.status.ClusterStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code databourse cluster snapshot}: every member snapshots its state at one position of the log, now. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
        "Asks the leader of the cluster whose data is in DIR for a snapshot and waits until it is taken: every " +
            "member writes its matcher's state at the same position of the log, and a member that restarts " +
            "loads it and replays only the log after it. Members also take one on their own every " +
            "--snapshot-every-minutes (cluster start).",
        "Exit status 0 when taken, 1 when not (no leader, or the cluster was busy with another action)."})
public final class ClusterSnapshotCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the members' data (default: ${DEFAULT-VALUE})")
    private Path dataDir = Path.of("data-cluster");

    @Override
    public Integer call()
    {
        final List<ClusterStatus.Member> members = ClusterStatusCommand.members(spec, dataDir);
        final int leader = ClusterStatus.leader(members);
        if (leader < 0)
        {
            spec.commandLine().getErr().println("databourse cluster snapshot: no leader now\n" + ClusterStatus.format(members));
            return 1;
        }
        final PrintStream out = new PrintStream(new java.io.OutputStream()
        {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public void write(final int b)
            {
                if ('\n' == b)
                {
                    spec.commandLine().getOut().println(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
                else
                {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
        final boolean taken = ClusterTool.snapshot(members.stream().filter(m -> m.memberId() == leader).findFirst()
            .orElseThrow().dir().resolve("cluster").toFile(), out);
        out.flush();
        spec.commandLine().getOut().flush();
        return taken ? 0 : 1;
    }
}
