package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.databourse.journal.schema.MessageType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code databourse audit export}: the journal's events, filtered, as JSON Lines or CSV, streamed. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Exports the journal's events, filtered, for pandas or a spreadsheet: JSON Lines (the documented " +
        "form of docs/simulate.md) or CSV (columns in docs/audit.md). Streamed: constant memory on a journal of any size.",
        "Exit status 0; 1 when a participant or product named is not in the journal."})
final class ExportCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "a data directory (DIR/journal) or a journal directory")
    private Path dir;

    @Option(names = "--types", split = ",", paramLabel = "TYPE",
        description = "event types to keep, e.g. trade,rejected (default: all; names as in the JSON form)")
    private List<String> types = List.of();

    @Option(names = "--participant", paramLabel = "P", description = "only events P acts in, owns or is the counterparty of")
    private String participant;

    @Option(names = "--product", paramLabel = "ID", description = "only events about product ID")
    private String product;

    @Mixin
    private AuditOptions.Window window;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl (default) or csv")
    private String format = "jsonl";

    @Mixin
    private AuditOptions.Out output;

    @Override
    public Integer call() throws IOException
    {
        final AuditDir source = AuditDir.resolve(spec, dir);
        window.check(spec);
        if (!"jsonl".equals(format) && !"csv".equals(format))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format is jsonl or csv, not " + format);
        }
        final Set<Integer> typeCodes = typeCodes();
        final PrintWriter err = spec.commandLine().getErr();
        try (Writer out = output.open(spec); EventScan scan = new EventScan(source, err, "export"))
        {
            final Csv csv = "csv".equals(format) ? new Csv(out, ExportColumns.forTypes(types)) : null;
            if (null != csv)
            {
                csv.header();
            }
            final EventFacts facts = new EventFacts();
            final int[] participantIndex = {-1};
            final int[] productIndex = {-1};
            final long fromNs = window.fromNs();
            final long toNs = window.toNs();
            scan.run(record ->
            {
                if (record.timeNs() > toNs)
                {
                    return false; // the sequencer's time never goes back: nothing later qualifies
                }
                if (null != participant && participantIndex[0] < 0)
                {
                    participantIndex[0] = scan.participant(participant);
                }
                if (null != product && productIndex[0] < 0)
                {
                    productIndex[0] = scan.product(product);
                }
                if (record.timeNs() < fromNs || (null != participant && participantIndex[0] < 0) ||
                    (null != product && productIndex[0] < 0))
                {
                    return true; // before the window, or what is asked about is not registered yet
                }
                record.forEachEvent((type, buffer, offset, length) ->
                {
                    if ((typeCodes.isEmpty() || typeCodes.contains(type)) &&
                        (null == participant || facts.involves(type, buffer, offset, participantIndex[0])) &&
                        (null == product || facts.product(type, buffer, offset) == productIndex[0]))
                    {
                        write(out, csv, scan.json(record.seq(), record.timeNs(), type, buffer, offset));
                    }
                });
                return true;
            });
            out.flush();
            return unknown(err, participantIndex[0], productIndex[0]);
        }
    }

    private int unknown(final PrintWriter err, final int participantIndex, final int productIndex)
    {
        if (null != participant && participantIndex < 0)
        {
            err.println("databourse audit export: no participant " + participant + " in the journal");
            return 1;
        }
        if (null != product && productIndex < 0)
        {
            err.println("databourse audit export: no product " + product + " in the journal");
            return 1;
        }
        return 0;
    }

    private static void write(final Writer out, final Csv csv, final StringBuilder json)
    {
        if (null != csv)
        {
            csv.row(json);
            return;
        }
        try
        {
            out.append(json).append('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private Set<Integer> typeCodes()
    {
        final Set<Integer> codes = new HashSet<>();
        for (final String name : types)
        {
            final int code = eventType(name);
            if (code < 0)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "no event type " + name +
                    " (types: " + String.join(",", ExportColumns.allTypes()) + ")");
            }
            codes.add(code);
        }
        return codes;
    }

    /** The event type code of a JSON type name, or -1. */
    static int eventType(final String name)
    {
        for (int code = 101; code < 200; code++)
        {
            if (MessageType.nameOf(code).equals(name))
            {
                return code;
            }
        }
        return -1;
    }
}
