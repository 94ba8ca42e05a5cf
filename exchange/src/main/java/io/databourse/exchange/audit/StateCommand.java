package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.MatcherView;
import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotStore;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code databourse audit state DIR --seq N | --time T}: the exchange as it was just after a command,
 * rebuilt by replaying the journal from the nearest snapshot before that point (every event checked
 * against the journal on the way, as recovery does).
 */
@Command(name = "state", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The exchange as it was just after seq N (or the last command at or before time T): each product's " +
        "status, last price and book (levels and orders in priority), each participant's cash, holdings, pledges, " +
        "entitlements and open orders. JSON, or CSV one table at a time.",
        "Rebuilt by replaying the journal from the nearest snapshot before that point (on a terminal, which one and " +
        "how many records were replayed goes to standard error).",
        "Exit status 0; 1 when the journal does not reach the point asked."})
final class StateCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "a data directory (DIR/journal, DIR/snapshots) or a journal directory")
    private Path dir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Point point;

    @Option(names = "--format", paramLabel = "FORMAT", description = "json (default) or csv")
    private String format = "json";

    @Option(names = "--table", paramLabel = "TABLE",
        description = "with csv: products, levels, orders, participants, holdings, pledges, entitlements or open-orders")
    private String table;

    @Mixin
    private AuditOptions.Out output;

    static final class Point
    {
        @Option(names = "--seq", paramLabel = "N", description = "just after the command of seq N")
        Long seq;

        @Option(names = "--time", paramLabel = "T", converter = TimeArg.class,
            description = "just after the last command at or before T (an instant such as 2026-03-01T09:30:00Z)")
        Long timeNs;
    }

    @Override
    public Integer call() throws IOException
    {
        final AuditDir source = AuditDir.resolve(spec, dir);
        checkFormat();
        if (null != point.seq && point.seq < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--seq is a journal seq, 1 or more (the first command's), not " + point.seq);
        }
        final PrintWriter err = spec.commandLine().getErr();
        final MatcherContext ctx = new MatcherContext().conclude();
        Matcher matcher = null;
        SnapshotStore.Info start = null;
        long replayed = 0;
        for (final SnapshotStore.Info candidate : candidates(source, err))
        {
            try
            {
                final Matcher m = null == candidate ? new Matcher(ctx) :
                    SnapshotStore.read(candidate, in -> MatcherSnapshot.read(ctx, in));
                replayed = replay(source, candidate, m, err);
                matcher = m;
                start = candidate;
                break;
            }
            catch (final RuntimeException ex)
            {
                if (null == candidate)
                {
                    throw ex; // the journal itself does not replay: audit verify names where
                }
                err.println("snapshot " + candidate.file().getFileName() + " skipped: " +
                    CorruptSnapshotException.reason(candidate.file(), ex));
            }
        }
        if (null != point.seq && matcher.lastSeq() < point.seq)
        {
            err.println("databourse audit state: the journal ends at seq " + matcher.lastSeq() + ", before " + point.seq);
            return 1;
        }
        if (matcher.lastSeq() == 0)
        {
            err.println("databourse audit state: no command at or before " + TimeArg.format(point.timeNs));
            return 1;
        }
        if (Progress.isTerminal())
        {
            err.println((null == start ? "from the journal's start" : "from " + start) + ", " + replayed +
                " records replayed: seq " + matcher.lastSeq() + " at " + TimeArg.format(matcher.lastTimeNs()));
        }
        try (Writer out = output.open(spec))
        {
            if ("json".equals(format))
            {
                StateJson.write(new MatcherView(matcher), out);
            }
            else
            {
                StateCsv.write(new MatcherView(matcher), table, out);
            }
        }
        return 0;
    }

    private void checkFormat()
    {
        if ("csv".equals(format))
        {
            if (null == table || !StateCsv.TABLES.containsKey(table))
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format csv needs --table, one of " +
                    String.join(", ", new java.util.TreeSet<>(StateCsv.TABLES.keySet())));
            }
        }
        else if (!"json".equals(format))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format is json or csv, not " + format);
        }
        else if (null != table)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--table goes with --format csv");
        }
    }

    private long replay(final AuditDir source, final SnapshotStore.Info start, final Matcher matcher, final PrintWriter err)
    {
        try (Journal journal = Journal.openReadOnly(source.journal());
            JournalReader reader = journal.reader();
            Progress progress = Progress.of("state", (null != point.seq ? point.seq : journal.lastSeq()) -
                matcher.lastSeq(), err))
        {
            final long[] done = {0};
            return JournalRecovery.replayWhile(reader, null == start ? -1 : start.journalIndex(), matcher, record ->
            {
                progress.update(++done[0]);
                return null != point.seq ? record.seq() <= point.seq : record.timeNs() <= point.timeNs;
            });
        }
    }

    /**
     * Where a replay may start, nearest first: the snapshots at or before the point that check out
     * (those that do not are named on {@code err}), then the journal's start (null).
     */
    private java.util.List<SnapshotStore.Info> candidates(final AuditDir source, final PrintWriter err)
    {
        final java.util.List<SnapshotStore.Info> candidates = new java.util.ArrayList<>();
        if (null != source.snapshots())
        {
            for (final Path file : new SnapshotStore(source.snapshots(), 1).files())
            {
                if (null != point.seq && SnapshotStore.seqOf(file) > point.seq)
                {
                    continue;
                }
                try
                {
                    final SnapshotStore.Info info = SnapshotStore.verify(file);
                    if (info.format() == MatcherSnapshot.FORMAT_VERSION &&
                        (null != point.seq || info.timeNs() <= point.timeNs))
                    {
                        candidates.add(info);
                    }
                }
                catch (final RuntimeException ex)
                {
                    err.println("snapshot " + file.getFileName() + " skipped: " + CorruptSnapshotException.reason(file, ex));
                }
            }
        }
        candidates.add(null);
        return candidates;
    }
}
