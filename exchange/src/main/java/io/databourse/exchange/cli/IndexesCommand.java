package io.databourse.exchange.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.databourse.index.IndexBook;
import io.databourse.index.IndexJson;
import io.databourse.index.IndexListener;
import io.databourse.index.IndexRules;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.settlement.index.FlaggedTrades;
import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.detect.SurveillanceEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code databourse indexes DIR}: every index value, mark and daily bar recomputed from a journal
 * (docs/indexes.md), as the lines settlement publishes in {@code indexes.jsonl}; with
 * {@code --check FILE}, compared with such a file line by line.
 */
@Command(name = "indexes", mixinStandardHelpOptions = true,
    description = {
        "Recomputes every published index value, product mark and daily bar from a journal (docs/indexes.md) " +
            "and prints them as JSON lines, as settlement's indexes.jsonl holds them.",
        "The methodology's settings are the system properties databourse.index.* (the same as the publisher's); " +
            "the trades surveillance flags (its detectors run over the same records, settings databourse.surveillance.*) " +
            "are left out as settlement leaves them out."})
public final class IndexesCommand implements Callable<Integer>
{
    /** Records between two progress lines on standard error. */
    private static final long PROGRESS_EVERY = 1_000_000;
    private static final int PRODUCTS_MAX = 1 << 16;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOURNAL_DIR", description = "a journal directory (e.g. data/journal, or simulate --journal DIR)")
    private Path journalDir;

    @Option(names = "--check", paramLabel = "FILE",
        description = "compare with a published indexes.jsonl: exit 1 at the first difference (or a missing or extra line)")
    private Path checkFile;

    @Option(names = "--state", description = "print the state at the journal's end (as indexes.json) instead of the lines")
    private boolean state;

    @Override
    public Integer call() throws IOException
    {
        JournalDirs.requireJournal(spec, journalDir);
        if (null != checkFile && !Files.isRegularFile(checkFile))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "no file " + checkFile);
        }
        final IndexRules rules;
        try
        {
            rules = IndexRules.fromSystemProperties();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        err.println("indexes: " + journalDir + ", " + rules.describe());
        err.flush();

        try (BufferedReader expected = null == checkFile ? null :
            Files.newBufferedReader(checkFile, StandardCharsets.UTF_8))
        {
            final Lines lines = new Lines(null == expected && !state ? out : null, expected);
            final IndexBook book = new IndexBook(rules, PRODUCTS_MAX).listener(lines);
            // the trades surveillance flags leave the indexes: its detectors, over the same records
            final SurveillanceEngine surveillance = new SurveillanceEngine(new SurveillanceContext().conclude());
            long records = 0;
            try (Journal journal = Journal.openReadOnly(journalDir); JournalReader reader = journal.reader())
            {
                final long[] count = {0};
                while (null == lines.mismatch && reader.read((index, record) ->
                {
                    // as the index stage: the record, then the trades surveillance flags at it, then publish
                    book.applyEvents(record);
                    for (final Alert alert : surveillance.apply(record))
                    {
                        FlaggedTrades.excludeFrom(book, alert);
                    }
                    book.publish();
                    count[0]++;
                }))
                {
                    if (count[0] - records >= PROGRESS_EVERY)
                    {
                        records = count[0];
                        err.println("indexes: " + records + " records, seq " + book.seq());
                        err.flush();
                    }
                }
                records = count[0];
            }
            if (state)
            {
                out.print(IndexJson.state(book));
            }
            out.flush();
            if (null != expected)
            {
                if (null == lines.mismatch)
                {
                    final String extra = expected.readLine();
                    if (null != extra)
                    {
                        lines.mismatch = "line " + (lines.count + 1) + ": the file has more lines than the journal " +
                            "publishes: " + extra;
                    }
                }
                if (null != lines.mismatch)
                {
                    err.println("indexes: " + checkFile + " differs from the journal, " + lines.mismatch);
                    err.flush();
                    return 1;
                }
                err.println("indexes: all " + lines.count + " published values of " + checkFile +
                    " recomputed from " + records + " records");
            }
            else
            {
                err.println("indexes: " + lines.count + " published values from " + records + " records");
            }
            err.flush();
        }
        return 0;
    }

    /** Prints each published line, or compares it with the next line of the expected file. */
    private static final class Lines implements IndexListener
    {
        private final PrintWriter out;
        private final BufferedReader expected;
        private final StringBuilder line = new StringBuilder(256);
        long count;
        String mismatch;

        Lines(final PrintWriter out, final BufferedReader expected)
        {
            this.out = out;
            this.expected = expected;
        }

        @Override
        public void onIndex(final IndexBook book, final int index)
        {
            emit(IndexJson.appendIndex(line, book, index));
        }

        @Override
        public void onMark(final IndexBook book, final int product)
        {
            emit(IndexJson.appendMark(line, book, product));
        }

        @Override
        public void onDailyBar(final IndexBook book, final int product)
        {
            emit(IndexJson.appendDailyBar(line, book, product));
        }

        private void emit(final StringBuilder json)
        {
            count++;
            if (null != out)
            {
                out.append(json).append('\n');
            }
            else if (null != expected && null == mismatch)
            {
                try
                {
                    final String published = expected.readLine();
                    if (null == published)
                    {
                        mismatch = "line " + count + ": missing; recomputed " + json;
                    }
                    else if (!published.contentEquals(json))
                    {
                        mismatch = "line " + count + ": published " + published + ", recomputed " + json;
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }
            json.setLength(0);
        }
    }
}
