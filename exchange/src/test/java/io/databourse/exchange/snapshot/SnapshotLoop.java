package io.databourse.exchange.snapshot;

import java.nio.file.Path;

import io.databourse.journal.queue.Journal;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.snapshot.SnapshotStore;

/**
 * A child process that recovers the matcher of {@code DATA/journal} and then writes its snapshot into
 * {@code DATA/snapshots} again and again, as the snapshot agent does, until it is killed: the parent
 * kills it while a write is under way.
 */
public final class SnapshotLoop
{
    private SnapshotLoop()
    {
    }

    public static void main(final String[] args)
    {
        final Path data = Path.of(args[0]);
        final MatcherContext ctx = new MatcherContext().conclude();
        try (Journal journal = Journal.openReadOnly(data.resolve("journal")))
        {
            final SnapshotStore store = new SnapshotStore(data.resolve("snapshots"), 2);
            final JournalRecovery.Recovered recovered = JournalRecovery.recover(journal, null, ctx, System.out::println);
            System.out.println("recovered " + recovered.describe());
            final MatcherSnapshot writer = new MatcherSnapshot();
            while (true)
            {
                store.write(MatcherSnapshot.FORMAT_VERSION, recovered.matcher().lastSeq(),
                    recovered.matcher().lastTimeNs(), recovered.lastIndex(), out -> writer.write(recovered.matcher(), out));
                System.out.println("written");
            }
        }
    }
}
