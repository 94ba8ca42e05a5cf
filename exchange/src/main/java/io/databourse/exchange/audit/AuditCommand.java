package io.databourse.exchange.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code databourse audit ...}: questions an auditor or a regulator asks of an exchange's data directory (docs/audit.md). */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Questions an auditor or a regulator asks of the exchange's records, answered from its journal (the " +
        "whole truth), snapshots and certificates; read-only, also while the exchange runs (docs/audit.md).",
        "DIR is a data directory (run --data-dir) or a bare journal directory (simulate --journal)."},
    subcommands = {StateCommand.class, OrderCommand.class, ParticipantCommand.class, ProductCommand.class,
        ExportCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class AuditCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "a subcommand is required: state, order, participant, product, export or verify");
    }
}
