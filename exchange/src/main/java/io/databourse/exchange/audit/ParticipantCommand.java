package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code databourse audit participant DIR P}: everything one participant did, or had done to it, in order. */
@Command(name = "participant", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Everything one participant did, in order, as JSON Lines: its registration and updates, cash, " +
        "inventory and capacity, every order event and trade (as buyer or seller), every refused command, pledges " +
        "(as pledgor or lender), usage (as user or reporter), products it sponsors and status changes it made.",
        "Exit status 0; 1 when the participant is not in the journal."})
final class ParticipantCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a data directory (DIR/journal) or a journal directory")
    private Path dir;

    @Parameters(index = "1", paramLabel = "P", description = "the participant's id")
    private String participant;

    @Mixin
    private AuditOptions.Window window;

    @Mixin
    private AuditOptions.Out output;

    @Override
    public Integer call() throws IOException
    {
        final AuditDir source = AuditDir.resolve(spec, dir);
        window.check(spec);
        final PrintWriter err = spec.commandLine().getErr();
        final EventFacts facts = new EventFacts();
        final int index;
        try (Writer out = output.open(spec); EventScan scan = new EventScan(source, err, "participant " + participant))
        {
            index = scan.writeAbout(out, s -> s.participant(participant), facts::involves, window.fromNs(), window.toNs());
        }
        if (index < 0)
        {
            err.println("databourse audit participant: no participant " + participant + " in the journal");
            return 1;
        }
        return 0;
    }
}
