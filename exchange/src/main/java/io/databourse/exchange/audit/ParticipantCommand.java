package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--from", paramLabel = "T", converter = TimeArg.class,
        description = "from this time on (an instant such as 2026-03-01T09:30:00Z, or a date)")
    private Long from;

    @Option(names = "--to", paramLabel = "T", converter = TimeArg.class, description = "up to this time, inclusive")
    private Long to;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE (created owner-only) instead of standard output")
    private Path outFile;

    @Override
    public Integer call() throws IOException
    {
        final AuditDir source = AuditDir.resolve(spec, dir);
        final PrintWriter err = spec.commandLine().getErr();
        final long fromNs = null == from ? Long.MIN_VALUE : from;
        final long toNs = null == to ? Long.MAX_VALUE : to;
        final EventFacts facts = new EventFacts();
        final int[] index = {-1};
        try (Writer out = Output.open(spec, outFile); EventScan scan = new EventScan(source, err, "participant " + participant))
        {
            scan.run(record ->
            {
                if (record.timeNs() > toNs)
                {
                    return false;
                }
                if (index[0] < 0 && (index[0] = scan.participant(participant)) < 0)
                {
                    return true; // not registered yet: nothing can be about it
                }
                if (record.timeNs() >= fromNs)
                {
                    record.forEachEvent((type, buffer, offset, length) ->
                    {
                        if (facts.involves(type, buffer, offset, index[0]))
                        {
                            Lines.write(out, scan.json(record.seq(), record.timeNs(), type, buffer, offset));
                        }
                    });
                }
                return true;
            });
        }
        if (index[0] < 0)
        {
            err.println("databourse audit participant: no participant " + participant + " in the journal");
            return 1;
        }
        return 0;
    }
}
