package io.databourse.exchange.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code databourse verify DIR}: replays a journal through a fresh matcher and checks every event. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Replays a journal through a fresh matcher and checks every event byte for byte.",
        "Exit status 0 when identical, 1 at the first difference."})
public final class VerifyCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOURNAL_DIR", description = "a journal directory")
    private Path journalDir;

    @Override
    public Integer call()
    {
        JournalDirs.requireJournal(spec, journalDir);
        final PrintWriter out = spec.commandLine().getOut();
        try (Journal journal = Journal.openReadOnly(journalDir);
            JournalReader reader = journal.reader())
        {
            final Matcher matcher = new Matcher(new MatcherContext().conclude());
            final long n = JournalRecovery.replay(reader, matcher);
            out.println("OK: " + n + " records replayed; every event identical to the journal; last seq " +
                matcher.lastSeq());
            return 0;
        }
        catch (final IllegalStateException ex)
        {
            out.println("FAILED: " + ex.getMessage());
            return 1;
        }
        finally
        {
            out.flush();
        }
    }
}
