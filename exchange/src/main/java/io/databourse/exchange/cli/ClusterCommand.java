package io.databourse.exchange.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code databourse cluster}: the matcher replicated on Aeron Cluster (docs/cluster.md). */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
        "The exchange replicated on a cluster of members (Raft over Aeron): the matcher runs on every member, " +
            "each journals the same records, a new leader takes over when one fails (docs/cluster.md)."},
    subcommands = {ClusterStartCommand.class, ClusterGatewayCommand.class, ClusterStatusCommand.class,
        ClusterSnapshotCommand.class})
public final class ClusterCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: start, gateway, status or snapshot");
    }
}
