package io.databourse.exchange.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.databourse.journal.json.EventJsonWriter;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code databourse events DIR}: a journal's events as JSON lines. */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Prints every event of a journal as JSON lines (docs/simulate.md), in journal order.")
public final class EventsCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOURNAL_DIR", description = "a journal directory (e.g. data/journal, or simulate --journal DIR)")
    private Path journalDir;

    @Override
    public Integer call()
    {
        JournalDirs.requireJournal(spec, journalDir);
        final PrintWriter out = spec.commandLine().getOut();
        final EventJsonWriter writer = new EventJsonWriter();
        final StringBuilder sb = new StringBuilder();
        try (Journal journal = Journal.openReadOnly(journalDir);
            JournalReader reader = journal.reader())
        {
            while (reader.read((index, record) ->
            {
                sb.setLength(0);
                writer.write(record, sb);
                out.append(sb);
            }))
            {
                // all records
            }
        }
        out.flush();
        return 0;
    }
}
