package io.databourse.matcher;

import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;

/**
 * Rebuilds a matcher's state from the journal: every record's command is applied again with its
 * original (seq, time), and the events produced must equal the journaled ones byte for byte. A
 * difference means the matcher is not deterministic (or the journal was tampered with), and
 * recovery stops rather than carry on from a state nobody acknowledged.
 */
public final class JournalRecovery
{
    private JournalRecovery()
    {
    }

    /** Replays the whole journal into a fresh matcher; returns the number of records replayed. */
    public static long replay(final JournalReader reader, final Matcher matcher)
    {
        final long[] count = {0};
        while (reader.read((index, record) ->
        {
            apply(matcher, record);
            count[0]++;
        }))
        {
            // read all
        }
        return count[0];
    }

    private static void apply(final Matcher matcher, final JournalRecord record)
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
