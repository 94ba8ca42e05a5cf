package io.databourse.matcher;

import java.util.function.Consumer;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.agrona.DirectBuffer;

/**
 * Rebuilds a matcher's state from the journal: every record's command is applied again with its
 * original (seq, time), and the events produced must equal the journaled ones byte for byte. A
 * difference means the matcher is not deterministic (or the journal was tampered with), and
 * recovery stops rather than carry on from a state nobody acknowledged.
 * <p>With snapshots, recovery starts from the newest one that checks out and replays only the
 * journal after it ({@link #recover}); a snapshot that does not check out (damaged, of another
 * journal, or whose tail does not replay) is skipped with a log line naming why, for an older one or
 * the journal's start.
 */
public final class JournalRecovery
{
    private JournalRecovery()
    {
    }

    /** How a matcher was recovered. */
    public record Recovered(Matcher matcher, SnapshotStore.Info snapshot, long recordsReplayed, long lastIndex,
        long lastSeq, long elapsedNs)
    {
        /** What recovery did, in words: the matcher goes on to apply more, so its seq is the one at recovery's end. */
        public String describe()
        {
            if (null == snapshot && 0 == recordsReplayed)
            {
                return "a new journal (nothing to recover)";
            }
            return (null == snapshot ? "replayed the journal from its start: " + recordsReplayed + " records" :
                "loaded snapshot " + snapshot + " and replayed " + recordsReplayed + " journal records after it") +
                ", last seq " + lastSeq + ", in " + elapsedNs / 1_000_000 + " ms";
        }
    }

    /**
     * A matcher recovered from the newest valid snapshot in {@code snapshots} (may be null: none) and
     * the journal after it, or from the whole journal.
     *
     * @param log receives one line per snapshot skipped, and why
     */
    public static Recovered recover(
        final Journal journal, final SnapshotStore snapshots, final MatcherContext ctx, final Consumer<String> log)
    {
        final long start = System.nanoTime();
        if (null != snapshots)
        {
            for (final java.nio.file.Path file : snapshots.files())
            {
                try
                {
                    final SnapshotStore.Info info = SnapshotStore.verify(file);
                    if (info.format() != MatcherSnapshot.FORMAT_VERSION)
                    {
                        throw new CorruptSnapshotException("format " + info.format() + ", this matcher reads " +
                            MatcherSnapshot.FORMAT_VERSION);
                    }
                    final Matcher matcher = SnapshotStore.read(info, in -> MatcherSnapshot.read(ctx, in));
                    try (JournalReader reader = journal.reader())
                    {
                        final long[] last = {info.journalIndex()};
                        final long replayed = replayAfter(reader, info.journalIndex(), matcher, last);
                        return new Recovered(matcher, info, replayed, last[0], matcher.lastSeq(), System.nanoTime() - start);
                    }
                }
                catch (final RuntimeException ex)
                {
                    log.accept("snapshot " + file.getFileName() + " skipped: " + CorruptSnapshotException.reason(file, ex) +
                        "; trying an older one, else the journal's start");
                }
            }
        }
        final Matcher matcher = new Matcher(ctx);
        try (JournalReader reader = journal.reader())
        {
            final long[] last = {-1};
            final long replayed = replay(reader, matcher, last);
            return new Recovered(matcher, null, replayed, last[0], matcher.lastSeq(), System.nanoTime() - start);
        }
    }

    /** Replays the whole journal into a fresh matcher; returns the number of records replayed. */
    public static long replay(final JournalReader reader, final Matcher matcher)
    {
        return replay(reader, matcher, new long[1]);
    }

    private static long replay(final JournalReader reader, final Matcher matcher, final long[] lastIndex)
    {
        final long[] count = {0};
        while (reader.read((index, record) ->
        {
            apply(matcher, record);
            lastIndex[0] = index;
            count[0]++;
        }))
        {
            // read all
        }
        return count[0];
    }

    /**
     * Replays the journal after the matcher's last command: {@link #positionAfter}, then every later
     * record. Returns the records applied; {@code lastIndex[0]} ends at the last excerpt read.
     *
     * @throws IllegalStateException when the journal does not hold the matcher's last command where
     *                               said, or the replay diverges
     */
    public static long replayAfter(
        final JournalReader reader, final long excerptIndex, final Matcher matcher, final long[] lastIndex)
    {
        if (matcher.lastSeq() == 0)
        {
            return replay(reader, matcher, lastIndex);
        }
        final long[] count = {positionAfter(reader, excerptIndex, matcher)};
        lastIndex[0] = excerptIndex;
        while (reader.read((index, record) ->
        {
            apply(matcher, record);
            lastIndex[0] = index;
            count[0]++;
        }))
        {
            // read all
        }
        return count[0];
    }

    /**
     * Moves the reader past the matcher's last command: to {@code excerptIndex}, the excerpt holding
     * that command's record (checked to be there, with the matcher's time, so that a matcher restored
     * from another journal's snapshot is refused), applying the records after it in that excerpt.
     * The reader's next excerpt is then the one after. Returns the records applied. A matcher that
     * applied nothing yet is left with the reader at the journal's start.
     */
    public static long positionAfter(final JournalReader reader, final long excerptIndex, final Matcher matcher)
    {
        final long[] count = {0};
        position(reader, excerptIndex, matcher, record -> true, count);
        return count[0];
    }

    /** Decides whether a record is applied; the replay stops at the first that is not. */
    @FunctionalInterface
    public interface RecordFilter
    {
        boolean accept(JournalRecord record);
    }

    /**
     * Replays the journal after the matcher's last command (positioned as {@link #positionAfter} does,
     * at {@code excerptIndex}), every record checked, for as long as {@code keepGoing} accepts them:
     * the state as it was at a seq or a time ({@code audit state}). Returns the records applied.
     */
    public static long replayWhile(
        final JournalReader reader, final long excerptIndex, final Matcher matcher, final RecordFilter keepGoing)
    {
        final long[] count = {0};
        if (!position(reader, excerptIndex, matcher, keepGoing, count))
        {
            return count[0];
        }
        final boolean[] stopped = {false};
        final JournalReader.RecordHandler handler = (index, record) ->
        {
            if (!stopped[0] && !(stopped[0] = !keepGoing.accept(record)))
            {
                apply(matcher, record);
                count[0]++;
            }
        };
        while (!stopped[0] && reader.read(handler))
        {
            // until the filter stops it or the journal ends
        }
        return count[0];
    }

    /** Positions the reader after the matcher's last record; false when {@code keepGoing} stopped inside its excerpt. */
    private static boolean position(
        final JournalReader reader, final long excerptIndex, final Matcher matcher, final RecordFilter keepGoing,
        final long[] count)
    {
        final long lastSeq = matcher.lastSeq();
        final long lastTimeNs = matcher.lastTimeNs();
        if (lastSeq == 0)
        {
            reader.toStart();
            return true;
        }
        if (!reader.moveTo(excerptIndex))
        {
            throw new IllegalStateException("the journal has no excerpt at index " + excerptIndex + " (seq " + lastSeq + ")");
        }
        final boolean[] found = {false};
        final boolean[] stopped = {false};
        reader.read((index, record) ->
        {
            if (found[0])
            {
                if (!stopped[0] && !(stopped[0] = !keepGoing.accept(record)))
                {
                    apply(matcher, record);
                    count[0]++;
                }
            }
            else if (record.seq() == lastSeq)
            {
                if (record.timeNs() != lastTimeNs)
                {
                    throw new IllegalStateException("the journal's seq " + lastSeq + " is of another time (" +
                        record.timeNs() + ", not " + lastTimeNs + "): another journal");
                }
                found[0] = true;
            }
            else if (record.seq() > lastSeq)
            {
                throw new IllegalStateException("excerpt " + index + " starts after seq " + lastSeq);
            }
        });
        if (!found[0])
        {
            throw new IllegalStateException("seq " + lastSeq + " is not in the journal's excerpt " + excerptIndex);
        }
        return !stopped[0];
    }

    /** Applies one journaled record to the matcher and checks its events against the journal's, byte for byte. */
    static void apply(final Matcher matcher, final JournalRecord record)
    {
        final long seq = record.seq();
        if (seq != matcher.lastSeq() + 1)
        {
            throw new IllegalStateException("journal gap: seq " + seq + " after " + matcher.lastSeq());
        }
        matcher.apply(seq, record.timeNs(), record.buffer(), record.commandOffset(), record.commandLength());
        final DirectBuffer produced = matcher.eventBuffer();
        final int length = matcher.eventsLength();
        if (length != record.eventsLength() || matcher.eventCount() != record.eventCount() ||
            !equal(produced, 0, record.buffer(), record.eventsOffset(), length))
        {
            throw new IllegalStateException("replay diverged at seq " + seq + ": events differ from the journal");
        }
    }

    static boolean equal(final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
    {
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
