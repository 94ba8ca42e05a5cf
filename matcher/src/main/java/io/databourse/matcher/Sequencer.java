package io.databourse.matcher;

import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Gives each command its place in history: a global sequence number and a timestamp, then has the
 * matcher apply it and journals the command together with the events it caused as one record.
 * <p>Why one record rather than "command, then events": a Chronicle excerpt is written whole or not
 * at all, so the journal never holds a command without its events, and a reader tailing it never
 * has to wait for the second half. A command is acknowledged (its events published) only after
 * its record is in the journal; a crash before that loses only unacknowledged input, which the
 * sender retries. Recovery replays the records' commands and checks their events byte for byte.
 */
public final class Sequencer
{
    private final Matcher matcher;
    private final JournalWriter journal;
    private final RecordListener listener;
    private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(1 << 16);
    private long lastSeq;
    private long lastTimeNs;

    /**
     * @param journal  where records go; null only for benchmarks of the matcher with sequencing
     * @param listener receives each record after it is journaled (egress publication), may be null
     */
    public Sequencer(final Matcher matcher, final JournalWriter journal, final RecordListener listener)
    {
        this.matcher = matcher;
        this.journal = journal;
        this.listener = listener;
        this.lastSeq = matcher.lastSeq();
        this.lastTimeNs = matcher.lastTimeNs();
    }

    /**
     * Sequences one command at a time from the live clock: time never goes backwards even if the
     * wall clock does.
     */
    public long sequenceNow(final long clockNs, final DirectBuffer command, final int offset, final int length)
    {
        final long timeNs = Math.max(clockNs, lastTimeNs);
        return sequence(timeNs, command, offset, length);
    }

    /** Sequences one command with the given timestamp (replayed or simulated time). Returns its seq. */
    public long sequence(final long timeNs, final DirectBuffer command, final int offset, final int length)
    {
        final long seq = lastSeq + 1;
        matcher.apply(seq, timeNs, command, offset, length);
        lastSeq = seq;
        lastTimeNs = timeNs;
        final int recordLength = JournalRecord.encode(
            record, 0, seq, timeNs, command, offset, length,
            matcher.eventBuffer(), 0, matcher.eventsLength(), matcher.eventCount());
        if (null != journal)
        {
            journal.appendRecord(record, 0, recordLength);
        }
        if (null != listener)
        {
            listener.onRecord(record, 0, recordLength);
        }
        return seq;
    }

    public long lastSeq()
    {
        return lastSeq;
    }

    /** Receives each sequenced, journaled record (command + events). */
    @FunctionalInterface
    public interface RecordListener
    {
        void onRecord(DirectBuffer buffer, int offset, int length);
    }
}
