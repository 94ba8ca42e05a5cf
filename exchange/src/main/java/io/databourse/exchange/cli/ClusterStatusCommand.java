package io.databourse.exchange.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.databourse.cluster.status.ClusterStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code databourse cluster status}: each member's role, term, commit position and seq, and the leader. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
        "Shows each member of the cluster whose data is in DIR (node-i directories on this host): its process, " +
            "role, leadership term, commit position in the replicated log and the seq its matcher has applied, " +
            "then the leader. Read from the members' mark files and counters; a stopped member shows as down.",
        "Exit status 0 when a leader is known, 3 when none is (an election, or a majority down)."})
public final class ClusterStatusCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the members' data (default: ${DEFAULT-VALUE})")
    private Path dataDir = Path.of("data-cluster");

    @Override
    public Integer call()
    {
        final List<ClusterStatus.Member> members = members(spec, dataDir);
        spec.commandLine().getOut().println(ClusterStatus.format(members));
        spec.commandLine().getOut().flush();
        return ClusterStatus.leader(members) >= 0 ? 0 : 3;
    }

    /** The members whose directories are in {@code dataDir}; a usage error when there are none. */
    static List<ClusterStatus.Member> members(final CommandSpec spec, final Path dataDir)
    {
        final List<ClusterStatus.Member> members = ClusterStatus.read(dataDir);
        if (members.isEmpty())
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "no cluster members in " + dataDir.toAbsolutePath() + " (expected node-0, node-1, ...)");
        }
        return members;
    }
}
